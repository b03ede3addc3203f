"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import { useErrorText } from "@/components/errors/use-error-text";
import { Button } from "@/components/ui/button";
import { useQueueCleanup } from "@/lib/queries/system";
import { SystemConfirmDialog } from "./system-confirm-dialog";

/** "Limpar fila": confirms (with the age threshold), runs the cleanup, says what it did. */
export function SystemCleanupButton({ onDone }: { onDone: (message: string) => void }) {
  const t = useTranslations("system.cleanup");
  const errorText = useErrorText();
  const cleanup = useQueueCleanup();
  const [isOpen, setOpen] = useState(false);
  const [hours, setHours] = useState(24);
  const close = () => {
    setOpen(false);
    cleanup.reset();
  };
  const confirm = () =>
    cleanup.mutate(
      { olderThanHours: hours },
      {
        onSuccess: (result) => {
          setOpen(false);
          onDone(
            t("done", {
              deleted: result.deleted_jobs,
              archived: result.deleted_archived,
              released: result.released_expired,
              waiting: result.waiting_without_worker,
            }),
          );
        },
      },
    );
  return (
    <>
      <Button variant="secondary" onClick={() => setOpen(true)} data-testid="system-cleanup">
        {t("button")}
      </Button>
      {isOpen ? (
        <SystemConfirmDialog
          title={t("title")}
          confirmLabel={cleanup.isPending ? t("cleaning") : t("confirm")}
          isBusy={cleanup.isPending}
          error={cleanup.error ? errorText(cleanup.error) : null}
          onConfirm={confirm}
          onClose={close}
          testId="system-cleanup-dialog"
        >
          <p>{t("body")}</p>
          <label className="flex items-center gap-3">
            <span>{t("olderThan")}</span>
            <input
              type="number"
              min={1}
              max={2160}
              value={hours}
              onChange={(event) => setHours(Math.max(1, Math.min(2160, Number(event.target.value) || 1)))}
              className="h-9 w-24 rounded-lg border border-white/15 bg-slate-900 px-2 text-slate-100"
            />
          </label>
        </SystemConfirmDialog>
      ) : null}
    </>
  );
}
