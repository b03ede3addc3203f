"use client";

import { useTranslations } from "next-intl";
import type { RefusedFile } from "@/lib/queries/types";
import { useUploadErrorText } from "./use-error-text";

/** The files the server refused for this batch, each with its reason; final, so no retry is offered. */
export function RefusedFiles({ files, total, maxBytes }: { files: RefusedFile[]; total: number; maxBytes: number }) {
  const t = useTranslations("batches.detail.refusedFiles");
  const errorText = useUploadErrorText(maxBytes);
  return (
    <section
      id="refused-files"
      aria-labelledby="refused-files-title"
      className="glass-subtle rounded-xl px-3 py-2 text-sm"
      data-testid="refused-files"
    >
      <h2 id="refused-files-title" className="font-medium text-rose-200">
        {t("title", { count: total })}
      </h2>
      <p className="mt-0.5 text-xs text-slate-400">{t("hint")}</p>
      <ul className="mt-2 max-h-48 space-y-1 overflow-auto text-xs">
        {files.map((file) => (
          <li key={file.uploadId} data-testid="refused-file" className="flex min-w-0 flex-wrap gap-x-2">
            <span className="truncate font-medium text-slate-100" title={file.relativePath ?? file.name}>
              {file.relativePath ?? file.name}
            </span>
            <span className="text-rose-200">{errorText(file.error)}</span>
          </li>
        ))}
      </ul>
      {total > files.length ? (
        <p className="mt-1 text-xs text-slate-400">{t("more", { count: total - files.length })}</p>
      ) : null}
    </section>
  );
}
