"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useId } from "react";
import type { GenerationPreview } from "@/lib/queries/generation";

/** What the job would generate: each prompt (inner line breaks kept) with its quantity, SKU and numbers, and the total. */
export function PromptPreview({ preview, separateFolders }: { preview: GenerationPreview; separateFolders: boolean }) {
  const t = useTranslations("generation.preview");
  const format = useFormatter();
  const id = useId();
  const files = (prompt: GenerationPreview["prompts"][number]) => {
    const name = (n: number | undefined) => `${prompt.sku ? `${prompt.sku}_` : ""}${n}.png`;
    const first = prompt.numbers[0];
    const last = prompt.numbers[prompt.numbers.length - 1];
    return first === last ? name(first) : `${name(first)} – ${name(last)}`;
  };
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
      <div className="max-h-96 overflow-auto rounded-xl border border-white/10">
        <table aria-labelledby={`${id}-title`} className="w-full text-left text-sm">
          <thead className="sticky top-0 bg-slate-900 text-xs text-slate-300">
            <tr>
              <th scope="col" className="w-12 px-3 py-2 font-medium">
                {t("position")}
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                {t("prompt")}
              </th>
              <th scope="col" className="w-32 px-3 py-2 font-medium">
                {t("sku")}
              </th>
              <th scope="col" className="w-24 px-3 py-2 text-right font-medium">
                {t("quantity")}
              </th>
              <th scope="col" className="hidden w-56 px-3 py-2 font-medium lg:table-cell">
                {t("files")}
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-white/5">
            {preview.prompts.map((prompt) => (
              <tr key={prompt.index} data-testid="generation-preview-row" className="align-top">
                <td className="px-3 py-2 tabular-nums text-slate-300">{prompt.index + 1}</td>
                <td className="px-3 py-2 text-slate-100">
                  <p className="line-clamp-4 whitespace-pre-line break-words" data-testid="generation-preview-prompt">
                    {prompt.prompt}
                  </p>
                </td>
                <td className="px-3 py-2 font-mono text-xs text-slate-200">{prompt.sku ?? t("none")}</td>
                <td
                  className="px-3 py-2 text-right font-semibold tabular-nums text-white"
                  data-testid="generation-preview-quantity"
                >
                  {format.number(prompt.quantity)}
                </td>
                <td className="hidden px-3 py-2 font-mono text-xs lg:table-cell">
                  {separateFolders ? (
                    <span className="block max-w-56 truncate text-slate-400" title={`${prompt.slug}/`}>
                      {prompt.slug}/
                    </span>
                  ) : null}
                  <span className="text-slate-200">{files(prompt)}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
