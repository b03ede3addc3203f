"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { updateTextSettingsAction } from "@/app/(dashboard)/configuracoes/text-settings-actions";
import { useErrorText } from "@/components/errors/use-error-text";
import type { AppSettingsPatch, AppSettingsView } from "@/lib/settings/schemas";

type Editable = Pick<AppSettingsView, "autoLinkExactBarcode" | "photoTextReader">;
const READERS = ["local", "model"] as const satisfies readonly AppSettingsView["photoTextReader"][];

/**
 * "Texto na foto" on the settings page: the threshold and candidate cap (environment, read-only),
 * who reads the text (local OCR or the vision model) and the auto-link of exact barcode matches,
 * which only an ADMIN may change (others see them disabled).
 */
export function TextSettingsPanel({ settings, isAdmin }: { settings: AppSettingsView; isAdmin: boolean }) {
  const t = useTranslations("aiText.settings");
  const errorText = useErrorText();
  const router = useRouter();
  const [values, setValues] = useState<Editable>({
    autoLinkExactBarcode: settings.autoLinkExactBarcode,
    photoTextReader: settings.photoTextReader,
  });
  const [message, setMessage] = useState<{ kind: "status" | "alert"; text: string } | null>(null);
  const [isPending, startTransition] = useTransition();

  const change = (patch: AppSettingsPatch) => {
    setMessage(null);
    const before = values;
    setValues({ ...values, ...patch });
    startTransition(async () => {
      const result = await updateTextSettingsAction(patch);
      if (!result.ok) {
        setValues(before);
        setMessage({ kind: "alert", text: errorText(result) });
        return;
      }
      setValues({
        autoLinkExactBarcode: result.data.autoLinkExactBarcode,
        photoTextReader: result.data.photoTextReader,
      });
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
      <fieldset className="space-y-2" aria-describedby="text-settings-reader-hint">
        <legend className="text-sm font-medium text-slate-100">{t("reader")}</legend>
        <div className="flex flex-wrap gap-x-6 gap-y-2">
          {READERS.map((reader) => (
            <label key={reader} className="flex items-center gap-2 text-sm text-slate-100">
              <input
                type="radio"
                name="photoTextReader"
                value={reader}
                checked={values.photoTextReader === reader}
                disabled={!isAdmin || isPending}
                onChange={() => change({ photoTextReader: reader })}
                className="size-4 accent-accent-500"
              />
              {t(`readers.${reader}`)}
            </label>
          ))}
        </div>
        <p id="text-settings-reader-hint" className="text-xs text-slate-300">
          {t("readerHint")}
        </p>
      </fieldset>
      <div className="space-y-1">
        <label className="flex items-start gap-3 text-sm text-slate-100">
          <input
            type="checkbox"
            checked={values.autoLinkExactBarcode}
            disabled={!isAdmin || isPending}
            onChange={(e) => change({ autoLinkExactBarcode: e.target.checked })}
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
