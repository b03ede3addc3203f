"use client";

import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { FilterSelect } from "@/components/ui/filter-select";
import { diffVersions, type FieldDiff } from "@/lib/ai/content/version-diff";
import type { ContentVersionView } from "@/lib/ai/content/schemas";

function TextDiff({ diff }: { diff: Extract<FieldDiff, { parts: unknown }> }) {
  return (
    <p className="whitespace-pre-line break-words text-sm text-slate-200">
      {diff.parts.map((part, i) =>
        part.kind === "same" ? (
          <span key={i}>{part.text}</span>
        ) : part.kind === "added" ? (
          <ins key={i} className="rounded bg-emerald-500/20 text-emerald-100 no-underline">
            {part.text}
          </ins>
        ) : (
          <del key={i} className="rounded bg-rose-500/20 text-rose-200">
            {part.text}
          </del>
        ),
      )}
    </p>
  );
}

function ListDiff({ diff }: { diff: Extract<FieldDiff, { kept: unknown }> }) {
  const t = useTranslations("aiContent");
  return (
    <ul className="flex flex-wrap gap-1 text-xs">
      {diff.kept.map((item) => (
        <li key={`k-${item}`} className="rounded-full border border-white/15 px-2 py-px text-slate-200">
          {item}
        </li>
      ))}
      {diff.added.map((item) => (
        <li key={`a-${item}`} className="rounded-full bg-emerald-500/20 px-2 py-px text-emerald-100">
          <span className="sr-only">{t("added")}: </span>+ {item}
        </li>
      ))}
      {diff.removed.map((item) => (
        <li key={`r-${item}`} className="rounded-full bg-rose-500/20 px-2 py-px text-rose-200 line-through">
          <span className="sr-only">{t("removed")}: </span>
          {item}
        </li>
      ))}
    </ul>
  );
}

/** "Comparar versões": two versions picked (default: the one before the current → the current), field by field. */
export function ContentCompare({ versions }: { versions: readonly ContentVersionView[] }) {
  const t = useTranslations("aiContent");
  const tOrigin = useTranslations("aiContent.origin");
  const idBase = useId();
  const [from, setFrom] = useState(versions[1]?.version ?? 0);
  const [to, setTo] = useState(versions[0]?.version ?? 0);
  if (versions.length < 2) return <p className="text-sm text-slate-400">{t("compareNeedsTwo")}</p>;
  const a = versions.find((v) => v.version === from) ?? versions[1]!;
  const b = versions.find((v) => v.version === to) ?? versions[0]!;
  const options = versions.map((v) => ({
    value: String(v.version),
    label: `${t("versionBadge", { version: v.version })} · ${tOrigin(v.origin)}`,
  }));
  return (
    <div data-testid="content-compare" className="space-y-3">
      <div className="flex flex-wrap gap-3">
        <FilterSelect
          id={`${idBase}-from`}
          label={t("compareFrom")}
          size="sm"
          options={options}
          value={String(a.version)}
          onChange={(event) => setFrom(Number(event.target.value))}
          className="w-44"
        />
        <FilterSelect
          id={`${idBase}-to`}
          label={t("compareTo")}
          size="sm"
          options={options}
          value={String(b.version)}
          onChange={(event) => setTo(Number(event.target.value))}
          className="w-44"
        />
      </div>
      <dl className="space-y-3">
        {diffVersions(a, b).map((diff) => (
          <div key={diff.field} data-testid={`compare-${diff.field}`}>
            <dt className="mb-1 text-xs font-medium text-slate-400">
              {t(`fields.${diff.field}`)}
              {diff.isChanged ? null : <span className="ml-2 text-slate-500">· {t("unchanged")}</span>}
            </dt>
            <dd>{"parts" in diff ? <TextDiff diff={diff} /> : <ListDiff diff={diff} />}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
