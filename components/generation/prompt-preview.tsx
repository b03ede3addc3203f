"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useId } from "react";
import { DataTable, type DataTableColumn } from "@/components/ui/data-table";
import type { GenerationPreview } from "@/lib/queries/generation";

type Prompt = GenerationPreview["prompts"][number];

/** What the job would generate: each prompt (inner line breaks kept) with its quantity, SKU and numbers, and the total. */
export function PromptPreview({ preview, separateFolders }: { preview: GenerationPreview; separateFolders: boolean }) {
  const t = useTranslations("generation.preview");
  const format = useFormatter();
  const id = useId();
  const files = (prompt: Prompt) => {
    const name = (n: number | undefined) => `${prompt.sku ? `${prompt.sku}_` : ""}${n}.png`;
    const first = prompt.numbers[0];
    const last = prompt.numbers[prompt.numbers.length - 1];
    return first === last ? name(first) : `${name(first)} – ${name(last)}`;
  };
  const columns: DataTableColumn<Prompt>[] = [
    {
      key: "position",
      header: t("position"),
      headerClassName: "w-12",
      className: "tabular-nums text-slate-300",
      cell: (prompt) => prompt.index + 1,
    },
    {
      key: "prompt",
      header: t("prompt"),
      cell: (prompt) => (
        <p className="line-clamp-4 whitespace-pre-line break-words" data-testid="generation-preview-prompt">
          {prompt.prompt}
        </p>
      ),
    },
    {
      key: "sku",
      header: t("sku"),
      headerClassName: "w-32",
      className: "font-mono text-xs text-slate-200",
      cell: (prompt) => prompt.sku ?? t("none"),
    },
    {
      key: "quantity",
      header: t("quantity"),
      align: "right",
      headerClassName: "w-24",
      className: "font-semibold tabular-nums text-white",
      cell: (prompt) => <span data-testid="generation-preview-quantity">{format.number(prompt.quantity)}</span>,
    },
    {
      key: "files",
      header: t("files"),
      visibleFrom: "lg",
      headerClassName: "w-56",
      className: "font-mono text-xs",
      cell: (prompt) => (
        <>
          {separateFolders ? (
            <span className="block max-w-56 truncate text-slate-400" title={`${prompt.slug}/`}>
              {prompt.slug}/
            </span>
          ) : null}
          <span className="text-slate-200">{files(prompt)}</span>
        </>
      ),
    },
  ];
  return (
    <section aria-labelledby={`${id}-title`} className="space-y-3" data-testid="generation-preview">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h3 id={`${id}-title`} className="text-sm font-semibold text-white">
          {t("title")}
        </h3>
        <p className="text-sm text-slate-200" data-testid="generation-preview-total">
          {t("total", { prompts: preview.prompts.length, images: preview.total })}
        </p>
      </div>
      <DataTable
        columns={columns}
        rows={preview.prompts}
        rowKey={(prompt) => prompt.index}
        rowProps={() => ({ "data-testid": "generation-preview-row", className: "align-top" })}
        ariaLabelledBy={`${id}-title`}
        density="list"
        isHeaderSticky
        frame="plain"
        className="max-h-96 overflow-auto rounded-xl border border-white/10"
      />
    </section>
  );
}
