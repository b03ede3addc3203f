"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { updateTextSettingsAction } from "@/app/(dashboard)/configuracoes/text-settings-actions";
import { useErrorText } from "@/components/errors/use-error-text";
import type { AppSettingsView } from "@/lib/settings/schemas";

/**
 * "Texto na foto" on the settings page: the threshold and candidate cap (environment, read-only)
 * and the auto-link of exact barcode matches, which only an ADMIN may switch (others see it disabled).
 */
export function TextSettingsPanel({ settings, isAdmin }: { settings: AppSettingsView; isAdmin: boolean }) {
  const t = useTranslations("aiText.settings");
  const errorText = useErrorText();
  const router = useRouter();
  const [autoLink, setAutoLink] = useState(settings.autoLinkExactBarcode);
  const [message, setMessage] = useState<{ kind: "status" | "alert"; text: string } | null>(null);
  const [isPending, startTransition] = useTransition();

  const change = (next: boolean) => {
    setMessage(null);
    setAutoLink(next);
    startTransition(async () => {
      const result = await updateTextSettingsAction({ autoLinkExactBarcode: next });
      if (!result.ok) {
        setAutoLink(!next);
        setMessage({ kind: "alert", text: errorText(result) });
        return;
      }
      setAutoLink(result.data.autoLinkExactBarcode);
      setMessage({ kind: "status", text: t("saved") });
      router.refresh();
    });
  };

  return (
    <section
      aria-labelledby="text-settings-title"
      className="glass space-y-4 rounded-2xl p-6"
      data-testid="text-settings-panel"
    >
      <div>
        <h2 id="text-settings-title" className="text-lg font-semibold text-white">
          {t("title")}
        </h2>
        <p className="mt-1 text-sm text-slate-300">
          {t("description", {
            threshold: Math.round(settings.analysisConfidenceThreshold * 100),
            max: settings.analysisMaxCandidates,
          })}
        </p>
      </div>
      <div className="space-y-1">
        <label className="flex items-start gap-3 text-sm text-slate-100">
          <input
            type="checkbox"
            checked={autoLink}
            disabled={!isAdmin || isPending}
            onChange={(e) => change(e.target.checked)}
            aria-describedby="text-settings-auto-link-hint"
            className="mt-0.5 size-4 accent-accent-500"
          />
          <span>{t("autoLink")}</span>
        </label>
        <p id="text-settings-auto-link-hint" className="pl-7 text-xs text-slate-300">
          {t("autoLinkHint")} {isAdmin ? null : t("onlyAdmins")}
        </p>
      </div>
      {message ? (
        <p
          role={message.kind}
          className={message.kind === "alert" ? "text-sm text-rose-300" : "text-sm text-emerald-300"}
        >
          {message.text}
        </p>
      ) : null}
    </section>
  );
}
