"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { useErrorText } from "@/components/errors/use-error-text";
import { Button } from "@/components/ui/button";
import { SpinnerIcon } from "@/components/ui/icons";
import { apiRequest } from "@/lib/queries/api-client";

type Result = { count: number; threshold: number; imageIds: string[] };

/**
 * "Validar todos acima do limite": counts the photos of the queue filter whose text/barcode
 * candidate is above the threshold (server-side dry run), asks to confirm with that count, then
 * links them on the server (EDITOR, audited) and tells how many.
 */
export function ValidateAboveThresholdButton({
  filters,
  threshold,
  onDone,
}: {
  filters: { batchId?: string; collectionId?: string };
  threshold: number;
  onDone: () => void;
}) {
  const t = useTranslations("aiText");
  const errorText = useErrorText();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: "status" | "alert"; text: string } | null>(null);
  const percent = Math.round(threshold * 100);

  async function run() {
    setBusy(true);
    setMessage(null);
    try {
      const call = (dryRun: boolean) =>
        apiRequest<Result>("/api/v1/reconcile/validate-above-threshold", {
          method: "POST",
          body: { ...filters, dryRun },
        }).then((r) => r.data);
      const preview = await call(true);
      if (preview.count === 0) {
        setMessage({ kind: "status", text: t("validateAllNone", { threshold: percent }) });
        return;
      }
      if (!window.confirm(t("validateAllConfirm", { count: preview.count, threshold: percent }))) return;
      const done = await call(false);
      setMessage({ kind: "status", text: t("validateAllDone", { count: done.count }) });
      onDone();
    } catch (error) {
      setMessage({ kind: "alert", text: errorText(error) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="flex flex-wrap items-center gap-3">
      <Button variant="secondary" size="sm" disabled={busy} onClick={() => void run()}>
        {busy ? <SpinnerIcon className="size-4 animate-spin" /> : null}
        {busy ? t("validateAllChecking") : t("validateAll")}
      </Button>
      {message ? (
        <p
          role={message.kind}
          className={message.kind === "alert" ? "text-sm text-rose-300" : "text-sm text-emerald-300"}
        >
          {message.text}
        </p>
      ) : null}
    </div>
  );
}
