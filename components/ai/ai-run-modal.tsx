"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { Button, buttonClasses } from "@/components/ui/button";
import { CloseIcon, SpinnerIcon } from "@/components/ui/icons";
import { isAiRunActive, useAiRun } from "@/lib/queries/ai-runs";
import type { BulkSelectionBody } from "@/lib/queries/catalog-bulk";
import { AiRunLog } from "./ai-run-log";
import { AiRunActions, AiRunProgress, useLiveRunLog } from "./ai-run-progress";
import { AiRunSetup } from "./ai-run-setup";
import { ModalDialog } from "./modal-dialog";

function RunView({ runId, canEdit, onClose }: { runId: string; canEdit: boolean; onClose: () => void }) {
  const t = useTranslations("ai.modal");
  const run = useAiRun(runId);
  useLiveRunLog(run.data);
  // The form that had the focus is gone: it moves to the close button of the run view.
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => closeRef.current?.focus(), []);
  const isActive = run.data ? isAiRunActive(run.data.status) : true;
  return (
    <div className="flex min-h-0 flex-1 flex-col" data-testid="ai-run-view">
      <div className="min-h-0 flex-1 space-y-4 overflow-y-auto px-5 py-4">
        {run.data ? (
          <>
            <AiRunProgress run={run.data} />
            {canEdit && isActive ? <AiRunActions run={run.data} /> : null}
          </>
        ) : (
          <p className="flex items-center gap-2 text-sm text-slate-300">
            <SpinnerIcon className="size-4 animate-spin" />
            {t("starting")}
          </p>
        )}
        <AiRunLog runId={runId} />
        {isActive ? <p className="text-xs text-slate-400">{t("background")}</p> : null}
      </div>
      <footer className="flex flex-wrap items-center justify-end gap-2 border-t border-white/10 px-5 py-3">
        <Link
          href={`/catalogo/analises/${runId}`}
          className={buttonClasses("secondary", "md")}
          data-testid="ai-run-link"
        >
          {t("runPage")}
        </Link>
        <button ref={closeRef} type="button" className={buttonClasses("primary", "md")} onClick={onClose}>
          {t("close")}
        </button>
      </footer>
    </div>
  );
}

/**
 * "Analisar com IA" for the catalog's selection (ids, or every result of the filters): fields,
 * "sobrescrever edições manuais", mode (economy disabled with the server's reason), the estimate
 * (photos, cost, time, engine) asked again as choices change; then the run's live progress and
 * per-photo log, cancel, and at the end the honest summary with a link to the run's page.
 */
export function AiRunModal({
  selection,
  selectionText,
  canEdit,
  onClose,
}: {
  selection: BulkSelectionBody;
  selectionText: string;
  canEdit: boolean;
  onClose: () => void;
}) {
  const t = useTranslations("ai.modal");
  const [runId, setRunId] = useState<string | null>(null);
  const run = useAiRun(runId);
  const title =
    runId === null
      ? t("title")
      : run.data?.status === "CANCELLED"
        ? t("cancelledTitle")
        : run.data && !isAiRunActive(run.data.status)
          ? t("finishedTitle")
          : t("runningTitle");
  return (
    <ModalDialog labelledBy="ai-run-modal-title" onClose={onClose} testId="ai-run-modal" className="flex-col open:flex">
      <header className="flex items-center gap-3 border-b border-white/10 px-5 py-3">
        <h2 id="ai-run-modal-title" className="flex-1 text-base font-semibold text-white">
          {title}
        </h2>
        <Button variant="ghost" size="sm" aria-label={t("closeWindow")} onClick={onClose}>
          <CloseIcon className="size-5" />
        </Button>
      </header>
      {runId === null ? (
        <AiRunSetup selection={selection} selectionText={selectionText} onStarted={setRunId} onClose={onClose} />
      ) : (
        <RunView runId={runId} canEdit={canEdit} onClose={onClose} />
      )}
    </ModalDialog>
  );
}
