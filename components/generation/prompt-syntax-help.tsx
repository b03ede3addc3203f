"use client";

import { useTranslations } from "next-intl";
import { useId } from "react";

/** The prompt file's syntax (lib/generation/prompt-file.ts), with an example. */
export function PromptSyntaxHelp({ maxQuantity }: { maxQuantity: number }) {
  const t = useTranslations("generation.syntax");
  const id = useId();
  return (
    <aside
      aria-labelledby={`${id}-title`}
      className="space-y-3 rounded-xl border border-white/10 bg-slate-950/40 p-4 text-sm text-slate-300"
      data-testid="generation-syntax"
    >
      <h3 id={`${id}-title`} className="text-sm font-semibold text-white">
        {t("title")}
      </h3>
      <ul className="list-disc space-y-1.5 pl-5">
        <li>{t("blocks")}</li>
        <li>
          {t.rich("quantity", {
            code: (chunk) => <code className="font-mono text-accent-300">{chunk}</code>,
            max: maxQuantity,
          })}
        </li>
        <li>{t.rich("sku", { code: (chunk) => <code className="font-mono text-accent-300">{chunk}</code> })}</li>
        <li>{t("numbering")}</li>
      </ul>
      <div>
        <p className="mb-1 text-xs text-slate-400">{t("example")}</p>
        <pre className="overflow-x-auto rounded-lg border border-white/10 bg-slate-950/70 p-3 font-mono text-xs leading-relaxed text-slate-200">
          {t("exampleText")}
        </pre>
      </div>
    </aside>
  );
}
