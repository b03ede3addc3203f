"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import {
  clearBrandExamplesAction,
  saveBrandContentSettingsAction,
} from "@/app/(dashboard)/configuracoes/content-actions";
import { useErrorText } from "@/components/errors/use-error-text";
import { Button } from "@/components/ui/button";
import { FilterSelect } from "@/components/ui/filter-select";
import type { FewShotExample } from "@/lib/ai/content/few-shot";
import { CONTENT_LENGTHS, CONTENT_TONES, type ContentLength, type ContentTone } from "@/lib/ai/content/schemas";

export type BrandContentRow = {
  brandId: string;
  brandName: string;
  tone: ContentTone;
  length: ContentLength;
  examplesClearedAt: string | null;
  examples: FewShotExample[];
};

function Example({ example }: { example: FewShotExample }) {
  const t = useTranslations("aiContent.settings");
  const rows =
    example.kind === "edicao"
      ? [
          ...(example.antes ? [[t("exampleBefore"), example.antes.titulo] as const] : []),
          [t("exampleAfter"), example.depois.titulo] as const,
        ]
      : [[t("exampleAsked"), example.pedido] as const, [t("exampleResult"), example.resultado.titulo] as const];
  return (
    <li className="rounded-lg border border-white/10 px-3 py-2 text-xs">
      <p className="mb-1 font-medium text-slate-200">
        {example.kind === "edicao" ? t("exampleEdit") : t("exampleFeedback")}
      </p>
      <dl className="grid grid-cols-[5rem_minmax(0,1fr)] gap-x-2 gap-y-0.5">
        {rows.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="text-slate-400">{label}</dt>
            <dd className="break-words text-slate-100">{value}</dd>
          </div>
        ))}
      </dl>
    </li>
  );
}

/**
 * Configurações → "Conteúdo por marca": the tone and length of a brand's AI texts, and the few-shot
 * examples its next prompts get (its latest edits and feedback), with "limpar exemplos".
 */
export function BrandContentSettingsPanel({ brands }: { brands: BrandContentRow[] }) {
  const t = useTranslations("aiContent.settings");
  const format = useFormatter();
  const errorText = useErrorText();
  const router = useRouter();
  const id = useId();
  const [brandId, setBrandId] = useState(brands[0]?.brandId ?? "");
  const selected = brands.find((b) => b.brandId === brandId) ?? brands[0];
  const [draft, setDraft] = useState<{ brandId: string; tone: ContentTone; length: ContentLength } | null>(null);
  const [notice, setNotice] = useState<{ tone: "info" | "error"; text: string } | null>(null);
  const [isPending, startTransition] = useTransition();
  const values = draft && draft.brandId === selected?.brandId ? draft : selected;

  const save = () =>
    startTransition(async () => {
      if (!values) return;
      const result = await saveBrandContentSettingsAction({
        brandId: values.brandId,
        tone: values.tone,
        length: values.length,
      });
      setNotice(result.ok ? { tone: "info", text: t("saved") } : { tone: "error", text: errorText(result) });
      if (result.ok) setDraft(null);
      router.refresh();
    });
  const clear = () =>
    startTransition(async () => {
      if (!selected) return;
      const result = await clearBrandExamplesAction({ brandId: selected.brandId });
      setNotice(result.ok ? { tone: "info", text: t("cleared") } : { tone: "error", text: errorText(result) });
      router.refresh();
    });

  return (
    <section
      aria-labelledby="content-settings-title"
      className="glass space-y-5 rounded-2xl p-6"
      data-testid="content-settings"
    >
      <div>
        <h2 id="content-settings-title" className="text-lg font-semibold text-white">
          {t("title")}
        </h2>
        <p className="mt-1 text-sm text-slate-300">{t("description")}</p>
      </div>
      {!selected || !values ? (
        <p className="text-sm text-slate-300">{t("noBrands")}</p>
      ) : (
        <>
          <div className="flex flex-wrap items-end gap-3">
            <FilterSelect
              id={`${id}-brand`}
              label={t("brand")}
              options={brands.map((b) => ({ value: b.brandId, label: b.brandName }))}
              value={selected.brandId}
              onChange={(event) => {
                setBrandId(event.target.value);
                setNotice(null);
              }}
              className="w-56"
            />
            <FilterSelect
              id={`${id}-tone`}
              label={t("tone")}
              options={CONTENT_TONES.map((tone) => ({ value: tone, label: t(`tones.${tone}`) }))}
              value={values.tone}
              onChange={(event) => setDraft({ ...values, tone: event.target.value as ContentTone })}
              className="w-44"
            />
            <FilterSelect
              id={`${id}-length`}
              label={t("length")}
              options={CONTENT_LENGTHS.map((length) => ({ value: length, label: t(`lengths.${length}`) }))}
              value={values.length}
              onChange={(event) => setDraft({ ...values, length: event.target.value as ContentLength })}
              className="w-36"
            />
            <Button onClick={save} disabled={isPending}>
              {t("save")}
            </Button>
          </div>
          <div className="space-y-2">
            <div className="flex flex-wrap items-center gap-3">
              <h3 className="text-sm font-medium text-slate-200">
                {t("examples", { count: selected.examples.length })}
              </h3>
              {selected.examplesClearedAt ? (
                <span className="text-xs text-slate-400">
                  {t("clearedAt", {
                    date: format.dateTime(new Date(selected.examplesClearedAt), {
                      dateStyle: "short",
                      timeStyle: "short",
                    }),
                  })}
                </span>
              ) : null}
              <Button
                variant="secondary"
                size="sm"
                className="ml-auto"
                data-testid="content-clear-examples"
                disabled={isPending || selected.examples.length === 0}
                onClick={clear}
              >
                {t("clear")}
              </Button>
            </div>
            {selected.examples.length > 0 ? (
              <ul data-testid="content-examples" className="grid gap-2 md:grid-cols-2">
                {selected.examples.map((example, i) => (
                  <Example key={i} example={example} />
                ))}
              </ul>
            ) : (
              <p className="text-sm text-slate-400">{t("noExamples")}</p>
            )}
          </div>
        </>
      )}
      <p role="status" className={notice?.tone === "error" ? "text-sm text-rose-300" : "text-sm text-emerald-200"}>
        {notice?.text}
      </p>
    </section>
  );
}
