"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useId } from "react";
import { useErrorText } from "@/components/errors/use-error-text";
import type { UrlListPreview } from "@/lib/queries/url-list";

function Stat({ label, value, tone, testId }: { label: string; value: string; tone: string; testId: string }) {
  return (
    <div className="rounded-xl border border-white/10 bg-slate-950/40 px-4 py-3">
      <dt className="text-xs text-slate-300">{label}</dt>
      <dd className={`mt-1 text-2xl font-semibold tabular-nums ${tone}`} data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}

/** What creating the batch would keep: counts, the invalid lines with their numbers and reasons, a sample of valid rows. */
export function UrlListPreviewView({ preview }: { preview: UrlListPreview }) {
  const t = useTranslations("batchUrls.preview");
  const format = useFormatter();
  const errorText = useErrorText();
  const id = useId();
  const n = (value: number) => format.number(value);

  return (
    <section aria-labelledby={`${id}-title`} className="space-y-5" data-testid="url-list-preview">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h3 id={`${id}-title`} className="text-sm font-semibold text-white">
          {t("title")} · <span className="font-normal text-slate-300">{preview.fileName}</span>
        </h3>
        <p className="text-xs text-slate-400">
          {t("chunks", { count: preview.chunks })}
          {preview.blocked > 0 ? ` · ${t("blocked", { count: preview.blocked })}` : ""}
        </p>
      </div>
      <dl className="grid grid-cols-2 gap-3 lg:grid-cols-4">
        <Stat label={t("totalLines")} value={n(preview.totalLines)} tone="text-white" testId="preview-total" />
        <Stat label={t("valid")} value={n(preview.valid)} tone="text-emerald-300" testId="preview-valid" />
        <Stat label={t("duplicates")} value={n(preview.duplicates)} tone="text-amber-200" testId="preview-duplicates" />
        <Stat label={t("invalid")} value={n(preview.invalid)} tone="text-rose-300" testId="preview-invalid" />
      </dl>

      {preview.valid === 0 ? (
        <p role="alert" className="text-sm text-rose-300">
          {t("noValid")}
        </p>
      ) : null}

      {preview.invalidLines.length > 0 ? (
        <div className="space-y-2">
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <h4 id={`${id}-invalid`} className="text-sm font-medium text-rose-200">
              {t("invalidTitle")}
            </h4>
            <p className="text-xs text-slate-400">
              {t("invalidNote")}
              {preview.invalid > preview.invalidLines.length
                ? ` ${t("invalidShown", { shown: n(preview.invalidLines.length), total: n(preview.invalid) })}`
                : ""}
            </p>
          </div>
          <div className="max-h-72 overflow-auto rounded-xl border border-rose-400/20">
            <table aria-labelledby={`${id}-invalid`} className="w-full text-left text-sm" data-testid="invalid-lines">
              <thead className="sticky top-0 bg-slate-900 text-xs text-slate-300">
                <tr>
                  <th scope="col" className="w-20 px-3 py-2 font-medium">
                    {t("line")}
                  </th>
                  <th scope="col" className="px-3 py-2 font-medium">
                    {t("content")}
                  </th>
                  <th scope="col" className="px-3 py-2 font-medium">
                    {t("reason")}
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-white/5">
                {preview.invalidLines.map((line) => (
                  <tr key={line.line} data-line={line.line}>
                    <td className="px-3 py-2 tabular-nums text-slate-200">{n(line.line)}</td>
                    <td className="max-w-[22rem] truncate px-3 py-2 font-mono text-xs text-slate-300" title={line.text}>
                      {line.text}
                    </td>
                    <td className="px-3 py-2 text-rose-200">{errorText({ code: line.code, details: line.details })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      ) : null}

      {preview.validRows.length > 0 ? (
        <div className="space-y-2">
          <h4 id={`${id}-valid`} className="text-sm font-medium text-emerald-200">
            {t("validTitle")}
          </h4>
          <div className="max-h-72 overflow-auto rounded-xl border border-white/10">
            <table aria-labelledby={`${id}-valid`} className="w-full text-left text-sm" data-testid="valid-rows">
              <thead className="sticky top-0 bg-slate-900 text-xs text-slate-300">
                <tr>
                  <th scope="col" className="w-20 px-3 py-2 font-medium">
                    {t("line")}
                  </th>
                  <th scope="col" className="px-3 py-2 font-medium">
                    {t("url")}
                  </th>
                  <th scope="col" className="px-3 py-2 font-medium">
                    {t("sku")}
                  </th>
                  <th scope="col" className="hidden px-3 py-2 font-medium md:table-cell">
                    {t("path")}
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-white/5">
                {preview.validRows.map((row) => (
                  <tr key={row.line}>
                    <td className="px-3 py-2 tabular-nums text-slate-200">{n(row.line)}</td>
                    <td className="max-w-[26rem] truncate px-3 py-2 font-mono text-xs text-slate-300" title={row.url}>
                      {row.url}
                    </td>
                    <td className="px-3 py-2 text-slate-200">{row.sku ?? t("none")}</td>
                    <td className="hidden max-w-[14rem] truncate px-3 py-2 text-slate-300 md:table-cell">
                      {row.path ?? t("none")}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      ) : null}
    </section>
  );
}
