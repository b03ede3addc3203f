"use client";

import type { ReactNode } from "react";
import { useId } from "react";
import { useTranslations } from "next-intl";
import { ModalDialog } from "@/components/ai/modal-dialog";
import { Button } from "@/components/ui/button";

/** A confirmation on the app's modal (focus kept inside, Esc cancels); the confirm button names the action. */
export function SystemConfirmDialog({
  title,
  children,
  confirmLabel,
  isBusy,
  error,
  onConfirm,
  onClose,
  testId,
}: {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  isBusy: boolean;
  error: string | null;
  onConfirm: () => void;
  onClose: () => void;
  testId: string;
}) {
  const t = useTranslations("system.cleanup");
  const titleId = useId();
  return (
    <ModalDialog labelledBy={titleId} onClose={onClose} testId={testId} className="w-[min(32rem,calc(100vw-2rem))]">
      <div className="flex flex-col gap-4 p-6">
        <h2 id={titleId} className="text-lg font-semibold text-white">
          {title}
        </h2>
        <div className="flex flex-col gap-3 text-sm text-slate-300">{children}</div>
        {error ? (
          <p role="alert" className="rounded-lg border border-rose-400/30 bg-rose-500/10 p-3 text-sm text-rose-200">
            {error}
          </p>
        ) : null}
        <div className="flex justify-end gap-2">
          <Button variant="ghost" onClick={onClose} data-autofocus>
            {t("cancel")}
          </Button>
          <Button onClick={onConfirm} disabled={isBusy}>
            {confirmLabel}
          </Button>
        </div>
      </div>
    </ModalDialog>
  );
}
