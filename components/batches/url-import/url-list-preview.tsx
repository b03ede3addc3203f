"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useId } from "react";
import { useErrorText } from "@/components/errors/use-error-text";
import { DataTable, type DataTableColumn } from "@/components/ui/data-table";
import type { UrlListPreview } from "@/lib/queries/url-list";

/** The preview lists: a box of fixed height that scrolls under a sticky header. */
const PREVIEW_TABLE = { density: "list", isHeaderSticky: true, frame: "plain" } as const;

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

/**
 * What creating the batch would keep: counts, the invalid lines with their numbers and reasons, a
 * sample of valid rows, and the chunks at the chosen chunk size (null while it is not a valid one).
 */
export function UrlListPreviewView({ preview, chunkSize }: { preview: UrlListPreview; chunkSize: number | null }) {
  const t = useTranslations("batchUrls.preview");
  const format = useFormatter();
  const errorText = useErrorText();
  const id = useId();
  const n = (value: number) => format.number(value);
  const invalidColumns: DataTableColumn<UrlListPreview["invalidLines"][number]>[] = [
    {
      key: "line",
      header: t("line"),
      headerClassName: "w-20",
      className: "tabular-nums text-slate-200",
      cell: (line) => n(line.line),
    },
    {
      key: "content",
      header: t("content"),
      className: "max-w-[22rem] truncate font-mono text-xs text-slate-300",
      cell: (line) => <span title={line.text}>{line.text}</span>,
    },
    {
      key: "reason",
      header: t("reason"),
      className: "text-rose-200",
      cell: (line) => errorText({ code: line.code, details: line.details }),
    },
  ];
  const validColumns: DataTableColumn<UrlListPreview["validRows"][number]>[] = [
    {
      key: "line",
      header: t("line"),
      headerClassName: "w-20",
      className: "tabular-nums text-slate-200",
      cell: (row) => n(row.line),
    },
    {
      key: "url",
      header: t("url"),
      className: "max-w-[26rem] truncate font-mono text-xs text-slate-300",
      cell: (row) => <span title={row.url}>{row.url}</span>,
    },
    { key: "sku", header: t("sku"), className: "text-slate-200", cell: (row) => row.sku ?? t("none") },
    {
      key: "path",
      header: t("path"),
      visibleFrom: "md",
      className: "max-w-[14rem] truncate text-slate-300",
      cell: (row) => row.path ?? t("none"),
    },
  ];

  return (
    <section aria-labelledby={`${id}-title`} className="space-y-5" data-testid="url-list-preview">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h3 id={`${id}-title`} className="text-sm font-semibold text-white">
          {t("title")} · <span className="font-normal text-slate-300">{preview.fileName}</span>
        </h3>
        <p className="text-xs text-slate-400">
          {chunkSize
            ? t("chunks", {
                count: Math.ceil((preview.valid + preview.invalid) / chunkSize),
                size: format.number(chunkSize),
              })
            : null}
          {chunkSize && preview.blocked > 0 ? " · " : ""}
          {preview.blocked > 0 ? t("blocked", { count: preview.blocked }) : ""}
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
          <DataTable
            columns={invalidColumns}
            rows={preview.invalidLines}
            rowKey={(line) => line.line}
            rowProps={(line) => ({ "data-line": String(line.line) })}
            ariaLabelledBy={`${id}-invalid`}
            testId="invalid-lines"
            {...PREVIEW_TABLE}
            className="max-h-72 overflow-auto rounded-xl border border-rose-400/20"
          />
        </div>
      ) : null}

      {preview.validRows.length > 0 ? (
        <div className="space-y-2">
          <h4 id={`${id}-valid`} className="text-sm font-medium text-emerald-200">
            {t("validTitle")}
          </h4>
          <DataTable
            columns={validColumns}
            rows={preview.validRows}
            rowKey={(row) => row.line}
            ariaLabelledBy={`${id}-valid`}
            testId="valid-rows"
            {...PREVIEW_TABLE}
            className="max-h-72 overflow-auto rounded-xl border border-white/10"
          />
        </div>
      ) : null}
    </section>
  );
}
