"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { CheckCircleIcon, ImageIcon, LinkIcon, UnlinkIcon, UploadIcon, XCircleIcon } from "@/components/ui/icons";
import type { DryRunItem, DryRunOutcome } from "@/lib/batches/dry-run/schemas";
import type { DryRunSummary, SendChoice } from "@/lib/browser/uploads/dry-run-plan";

/** The comparison by content running after the first answer (files hashed so far of those compared). */
export type ContentCheckState = { hashed: number; total: number; isDone: boolean; error: string | null };

/** Names listed per outcome when expanded; the rest is counted ("e mais N"). */
const LIST_LIMIT = 200;

const OUTCOMES: Array<{
  outcome: DryRunOutcome;
  key: "linked" | "ambiguous" | "unknown" | "inBank";
  tone: string;
  icon: ReactNode;
}> = [
  { outcome: "linked", key: "linked", tone: "border-emerald-400/30 text-emerald-200", icon: <LinkIcon /> },
  { outcome: "ambiguous", key: "ambiguous", tone: "border-amber-400/30 text-amber-200", icon: <UnlinkIcon /> },
  { outcome: "unknown", key: "unknown", tone: "border-rose-400/30 text-rose-200", icon: <XCircleIcon /> },
  { outcome: "in_bank", key: "inBank", tone: "border-sky-400/30 text-sky-200", icon: <ImageIcon /> },
];

/**
 * What a drop would do before a byte is sent: counts per outcome (each expandable to its names),
 * the collection's SKUs that would still have no photo, and the choice to send everything, send
 * all but the unknown files, or cancel.
 */
export function DryRunPanel({
  summary,
  alreadySent,
  refused,
  batchName,
  contentCheck,
  onChoose,
  onCancel,
}: {
  summary: DryRunSummary;
  alreadySent: number;
  refused: number;
  batchName: string;
  contentCheck: ContentCheckState | null;
  onChoose: (choice: SendChoice) => void;
  onCancel: () => void;
}) {
  const t = useTranslations("batchDryRun");
  const headingRef = useRef<HTMLHeadingElement>(null);
  // The panel appears after an asynchronous check: move focus to it so keyboard and screen-reader users find it.
  useEffect(() => headingRef.current?.focus(), []);
  const { totals, withoutPhoto } = summary;

  return (
    <section
      aria-labelledby="dry-run-title"
      data-testid="dry-run-panel"
      className="mt-4 space-y-4 rounded-xl border border-accent-400/30 bg-accent-500/[0.06] p-4"
    >
      <div>
        <h3 id="dry-run-title" ref={headingRef} tabIndex={-1} className="text-sm font-semibold text-white outline-none">
          {t("title")} <span className="sr-only">— {batchName}</span>
        </h3>
        <p className="mt-1 text-sm text-slate-300">{t("intro", { total: totals.names })}</p>
      </div>

      <ul className="grid items-start gap-2 sm:grid-cols-2">
        {OUTCOMES.map(({ outcome, key, tone, icon }) => (
          <li key={outcome} data-testid={`dry-run-${outcome}`} data-count={totals[key]}>
            <OutcomeList
              label={t(key)}
              count={totals[key]}
              tone={tone}
              icon={icon}
              items={summary.byOutcome[outcome].map((i) => summary.items[i]!)}
            />
          </li>
        ))}
      </ul>

      {contentCheck ? (
        <p
          role="status"
          data-testid="dry-run-content"
          data-done={contentCheck.isDone}
          className={cn("text-xs tabular-nums", contentCheck.error ? "text-rose-300" : "text-slate-400")}
        >
          {contentCheck.error
            ? t("contentError", { message: contentCheck.error })
            : t(contentCheck.isDone ? "contentDone" : "contentChecking", {
                hashed: contentCheck.hashed,
                total: contentCheck.total,
              })}
        </p>
      ) : null}

      {alreadySent > 0 || refused > 0 ? (
        <p className="text-sm text-slate-300" data-testid="dry-run-other">
          {alreadySent > 0 ? `${t("alreadySent")}: ${alreadySent}` : null}
          {alreadySent > 0 && refused > 0 ? " · " : null}
          {refused > 0 ? `${t("refused")}: ${refused}` : null}
        </p>
      ) : null}

      {summary.hasCollection ? (
        <div data-testid="dry-run-without-photo" className="text-sm text-slate-200">
          <p>
            <CheckCircleIcon className="mr-1 inline size-4 text-slate-400" aria-hidden />
            {t("withoutPhoto", { remaining: withoutPhoto.remaining, before: withoutPhoto.before })}
          </p>
          {withoutPhoto.first.length > 0 ? (
            <details className="mt-1">
              <summary className="cursor-pointer text-xs text-slate-300 underline underline-offset-4">
                {t("withoutPhotoList")}
              </summary>
              <ul className="mt-2 flex flex-wrap gap-1.5" aria-label={t("withoutPhotoList")}>
                {withoutPhoto.first.map((sku) => (
                  <li key={sku} className="rounded bg-white/5 px-1.5 py-0.5 font-mono text-xs text-slate-200">
                    {sku}
                  </li>
                ))}
                {withoutPhoto.remaining > withoutPhoto.first.length ? (
                  <li className="px-1.5 py-0.5 text-xs text-slate-400">
                    {t("more", { count: withoutPhoto.remaining - withoutPhoto.first.length })}
                  </li>
                ) : null}
              </ul>
            </details>
          ) : null}
        </div>
      ) : (
        <p className="text-sm text-slate-300">{t("noCollection")}</p>
      )}

      <div className="flex flex-wrap gap-2">
        <Button size="sm" onClick={() => onChoose("all")}>
          <UploadIcon className="size-4" />
          {t("sendAll")}
        </Button>
        {totals.unknown > 0 ? (
          <Button size="sm" variant="secondary" onClick={() => onChoose("without_unknown")}>
            {t("sendKnown")}
          </Button>
        ) : null}
        <Button size="sm" variant="ghost" onClick={onCancel}>
          {t("cancel")}
        </Button>
      </div>
    </section>
  );
}

function OutcomeList({
  label,
  count,
  tone,
  icon,
  items,
}: {
  label: string;
  count: number;
  tone: string;
  icon: ReactNode;
  items: DryRunItem[];
}) {
  const t = useTranslations("batchDryRun");
  const head = (
    <span className="flex items-center gap-2">
      <span className="[&_svg]:size-4" aria-hidden>
        {icon}
      </span>
      <span className="flex-1 text-slate-200">{label}</span>
      <span className="text-base font-semibold tabular-nums">{count}</span>
    </span>
  );
  if (count === 0) return <div className={cn("rounded-lg border bg-white/[0.02] px-3 py-2 text-sm", tone)}>{head}</div>;
  return (
    <details className={cn("rounded-lg border bg-white/[0.02] px-3 py-2 text-sm", tone)}>
      <summary className="cursor-pointer list-none">
        {head}
        <span className="mt-0.5 block text-xs text-slate-400 underline underline-offset-4">{t("showList")}</span>
      </summary>
      <ul className="mt-2 max-h-48 space-y-0.5 overflow-auto text-xs text-slate-300" aria-label={label}>
        {items.slice(0, LIST_LIMIT).map((item, i) => (
          <li key={i} className="break-all" title={item.name}>
            <span className="font-mono">{item.name}</span> <span className="text-slate-400">{detailOf(item, t)}</span>
          </li>
        ))}
        {items.length > LIST_LIMIT ? (
          <li className="text-slate-400">{t("more", { count: items.length - LIST_LIMIT })}</li>
        ) : null}
      </ul>
    </details>
  );
}

function detailOf(item: DryRunItem, t: ReturnType<typeof useTranslations<"batchDryRun">>): string {
  if (item.outcome === "linked" && item.sku) return t("linkedTo", { sku: item.sku });
  if (item.outcome === "ambiguous") return t("candidatesOf", { candidates: item.candidates.join(", ") });
  if (item.outcome === "in_bank" && item.inBankBy === "sha256") return t("inBankContent");
  if (item.outcome === "in_bank") return item.sku ? t("inBankSku", { sku: item.sku }) : t("inBankOnly");
  return "";
}
