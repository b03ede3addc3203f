"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { useId, useOptimistic, useState, useTransition, type FormEvent } from "react";
import { ModalDialog } from "@/components/ai/modal-dialog";
import { useErrorText } from "@/components/errors/use-error-text";
import { Button } from "@/components/ui/button";
import { CloseIcon, LayersIcon, RefreshIcon, SpinnerIcon } from "@/components/ui/icons";
import { TextField } from "@/components/ui/input";
import {
  DEFAULT_RETENTION_DAYS,
  MAX_RETENTION_DAYS,
  MIN_RETENTION_DAYS,
  SHOW_DELETED_PARAM,
} from "@/lib/batches/retention/schemas";
import { useCloneBatch, useRestoreBatch, useSoftDeleteBatch } from "@/lib/queries/batch-lifecycle";
import type { Batch } from "@/lib/queries/types";
import { BatchStatusBadge } from "./status-badge";

/** Statuses soft delete refuses (the server's ACTIVE_STATUSES): the button says to pause or cancel first. */
const ACTIVE = new Set<Batch["status"]>(["UPLOADING", "QUEUED", "PROCESSING"]);
const DAY_MS = 86_400_000;

type Dialog = "clone" | "delete" | null;

/**
 * The batch page header's lifecycle actions: "Clonar" and "Excluir" (a soft delete, restorable
 * until its date), or for a deleted batch a banner with the date and "Restaurar". Without
 * `canEdit` (a VIEWER) only the banner shows: no control the server would refuse.
 */
export function BatchLifecycleActions({ batch, canEdit }: { batch: Batch; canEdit: boolean }) {
  const t = useTranslations("batchLifecycle");
  const [dialog, setDialog] = useState<Dialog>(null);
  if (batch.deletedAt) return <DeletedBanner batch={batch} canEdit={canEdit} />;
  if (!canEdit) return null;
  const isActive = ACTIVE.has(batch.status);
  return (
    <div className="mb-6 flex flex-wrap items-center justify-end gap-2" data-testid="batch-lifecycle-actions">
      {batch.clonedFromId ? (
        <Link
          href={`/lotes/${batch.clonedFromId}`}
          className="mr-auto text-sm text-accent-300 underline-offset-4 hover:underline"
        >
          {t("clonedFrom")}
        </Link>
      ) : null}
      <Button variant="secondary" size="sm" onClick={() => setDialog("clone")}>
        <LayersIcon className="size-4" />
        {t("clone")}
      </Button>
      <Button
        variant="secondary"
        size="sm"
        onClick={() => setDialog("delete")}
        disabled={isActive}
        aria-describedby={isActive ? "batch-delete-hint" : undefined}
      >
        {t("delete")}
      </Button>
      {isActive ? (
        <p id="batch-delete-hint" className="basis-full text-right text-xs text-slate-300">
          {t("deleteActiveHint")}
        </p>
      ) : null}
      {dialog === "clone" ? <CloneDialog batch={batch} onClose={() => setDialog(null)} /> : null}
      {dialog === "delete" ? <SoftDeleteDialog batch={batch} onClose={() => setDialog(null)} /> : null}
    </div>
  );
}

function DialogHeader({ id, title, onClose }: { id: string; title: string; onClose: () => void }) {
  const t = useTranslations("batchLifecycle");
  return (
    <header className="flex items-center gap-3 border-b border-white/10 px-5 py-3">
      <h2 id={id} className="flex-1 text-base font-semibold text-white">
        {title}
      </h2>
      <Button variant="ghost" size="sm" aria-label={t("closeWindow")} onClick={onClose}>
        <CloseIcon className="size-5" />
      </Button>
    </header>
  );
}

function CloneDialog({ batch, onClose }: { batch: Batch; onClose: () => void }) {
  const t = useTranslations("batchLifecycle");
  const errorText = useErrorText();
  const router = useRouter();
  const ids = useId();
  const clone = useCloneBatch(batch.id);
  const [name, setName] = useState(t("cloneDefaultName", { name: batch.name }).slice(0, 120));
  const [copyResults, setCopyResults] = useState(false);
  const isUrlBatch = batch.source === "URL_LIST";
  const submit = (event: FormEvent) => {
    event.preventDefault();
    clone.mutate(
      { newName: name, copyResults: isUrlBatch && copyResults },
      { onSuccess: (created) => router.push(`/lotes/${created.id}`) },
    );
  };
  return (
    <ModalDialog labelledBy={`${ids}-title`} onClose={onClose} testId="batch-clone-dialog" className="max-w-lg">
      <DialogHeader id={`${ids}-title`} title={t("cloneTitle")} onClose={onClose} />
      <form onSubmit={submit} className="space-y-4 px-5 py-4">
        <p className="text-sm text-slate-300">{isUrlBatch ? t("cloneUrlExplain") : t("cloneUploadExplain")}</p>
        <TextField
          id={`${ids}-name`}
          label={t("newName")}
          value={name}
          maxLength={120}
          required
          data-autofocus
          onChange={(event) => setName(event.target.value)}
        />
        {isUrlBatch ? (
          <label className="flex items-start gap-3 text-sm text-slate-200">
            <input
              type="checkbox"
              className="mt-0.5 size-4 accent-accent-500"
              checked={copyResults}
              onChange={(event) => setCopyResults(event.target.checked)}
            />
            <span>
              {t("copyResults")}
              <span className="block text-xs text-slate-400">{t("copyResultsHint")}</span>
            </span>
          </label>
        ) : null}
        {clone.isError ? (
          <p role="alert" className="text-sm text-rose-300">
            {errorText(clone.error)}
          </p>
        ) : null}
        <div className="flex justify-end gap-2">
          <Button variant="ghost" onClick={onClose}>
            {t("cancel")}
          </Button>
          <Button type="submit" disabled={clone.isPending || name.trim() === ""}>
            {clone.isPending ? <SpinnerIcon className="size-4 animate-spin" /> : <LayersIcon className="size-4" />}
            {t("cloneSubmit")}
          </Button>
        </div>
      </form>
    </ModalDialog>
  );
}

function SoftDeleteDialog({ batch, onClose }: { batch: Batch; onClose: () => void }) {
  const t = useTranslations("batchLifecycle");
  const format = useFormatter();
  const errorText = useErrorText();
  const ids = useId();
  const softDelete = useSoftDeleteBatch(batch.id);
  const [days, setDays] = useState(String(DEFAULT_RETENTION_DAYS));
  // The date shown is counted from when the dialog opened (the server counts from the request).
  const [openedAt] = useState(() => Date.now());
  const parsed = Number(days);
  const isValid = Number.isInteger(parsed) && parsed >= MIN_RETENTION_DAYS && parsed <= MAX_RETENTION_DAYS;
  const until = isValid ? format.dateTime(new Date(openedAt + parsed * DAY_MS), { dateStyle: "long" }) : null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (isValid) softDelete.mutate(parsed, { onSuccess: onClose });
  };
  return (
    <ModalDialog labelledBy={`${ids}-title`} onClose={onClose} testId="batch-delete-dialog" className="max-w-lg">
      <DialogHeader id={`${ids}-title`} title={t("deleteTitle", { name: batch.name })} onClose={onClose} />
      <form onSubmit={submit} className="space-y-4 px-5 py-4">
        <p className="text-sm text-slate-300">{t("deleteExplain")}</p>
        <TextField
          id={`${ids}-days`}
          label={t("retentionDays")}
          type="number"
          inputMode="numeric"
          min={MIN_RETENTION_DAYS}
          max={MAX_RETENTION_DAYS}
          step={1}
          required
          data-autofocus
          value={days}
          onChange={(event) => setDays(event.target.value)}
          hint={
            until
              ? t("restorableUntil", { date: until })
              : t("retentionRange", { min: MIN_RETENTION_DAYS, max: MAX_RETENTION_DAYS })
          }
        />
        {softDelete.isError ? (
          <p role="alert" className="text-sm text-rose-300">
            {errorText(softDelete.error)}
          </p>
        ) : null}
        <div className="flex justify-end gap-2">
          <Button variant="ghost" onClick={onClose}>
            {t("cancel")}
          </Button>
          <Button type="submit" disabled={softDelete.isPending || !isValid}>
            {softDelete.isPending ? <SpinnerIcon className="size-4 animate-spin" /> : null}
            {t("deleteSubmit")}
          </Button>
        </div>
      </form>
    </ModalDialog>
  );
}

/** "Restaurar" (EDITOR) for a soft-deleted batch, with the refusal's reason when it fails. */
function RestoreControl({ batchId, canEdit }: { batchId: string; canEdit: boolean }) {
  const t = useTranslations("batchLifecycle");
  const errorText = useErrorText();
  const restore = useRestoreBatch(batchId);
  return (
    <>
      {restore.isError ? (
        <span role="alert" className="text-sm text-rose-300">
          {errorText(restore.error)}
        </span>
      ) : null}
      {canEdit ? (
        <Button size="sm" variant="secondary" onClick={() => restore.mutate()} disabled={restore.isPending}>
          {restore.isPending ? <SpinnerIcon className="size-4 animate-spin" /> : <RefreshIcon className="size-4" />}
          {t("restore")}
        </Button>
      ) : null}
    </>
  );
}

/** "Excluído — será removido em …" with "Restaurar" (EDITOR). */
function DeletedBanner({ batch, canEdit }: { batch: Batch; canEdit: boolean }) {
  const t = useTranslations("batchLifecycle");
  const format = useFormatter();
  const date = batch.purgeAfter ? format.dateTime(new Date(batch.purgeAfter), { dateStyle: "long" }) : "";
  return (
    <div
      role="status"
      data-testid="batch-deleted-banner"
      className="mb-6 flex flex-wrap items-center gap-3 rounded-2xl border border-rose-400/30 bg-rose-950/40 px-4 py-3 text-sm text-rose-100"
    >
      <span className="flex-1">{t("deletedBanner", { date })}</span>
      <RestoreControl batchId={batch.id} canEdit={canEdit} />
    </div>
  );
}

/** A soft-deleted batch in the Lotes list ("mostrar excluídos"): dimmed, with its date and "Restaurar". */
export function DeletedBatchCard({ batch, canEdit }: { batch: Batch; canEdit: boolean }) {
  const t = useTranslations("batchLifecycle");
  const format = useFormatter();
  const date = batch.purgeAfter ? format.dateTime(new Date(batch.purgeAfter), { dateStyle: "long" }) : "";
  return (
    <article
      data-testid="deleted-batch-card"
      aria-label={t("deletedCardLabel", { name: batch.name })}
      className="glass flex flex-wrap items-center gap-4 rounded-2xl p-4 opacity-60 transition-opacity focus-within:opacity-100 hover:opacity-100"
    >
      <div className="min-w-0 flex-1">
        <h3 className="truncate text-base font-semibold text-white">
          <Link href={`/lotes/${batch.id}`} className="rounded underline-offset-4 hover:underline">
            {batch.name}
          </Link>
        </h3>
        <p className="mt-1 text-xs text-rose-200">{t("deletedBanner", { date })}</p>
        <p className="mt-1 text-xs text-slate-300">{t("files", { count: batch.counts.total })}</p>
      </div>
      <BatchStatusBadge status={batch.status} />
      <RestoreControl batchId={batch.id} canEdit={canEdit} />
    </article>
  );
}

/** "Mostrar excluídos" on the Lotes list, kept in the URL (`?excluidos=1`) so a reload or a shared link keeps it. */
export function ShowDeletedToggle({ checked }: { checked: boolean }) {
  const t = useTranslations("batchLifecycle");
  const router = useRouter();
  const id = useId();
  // The box follows the click at once; the page's prop catches up when the navigation lands.
  const [shown, setShown] = useOptimistic(checked);
  const [, startTransition] = useTransition();
  return (
    <label htmlFor={id} className="flex items-center gap-2 text-sm text-slate-200">
      <input
        id={id}
        type="checkbox"
        className="size-4 accent-accent-500"
        checked={shown}
        onChange={(event) => {
          const next = event.target.checked;
          const params = new URLSearchParams(window.location.search);
          if (next) params.set(SHOW_DELETED_PARAM, "1");
          else params.delete(SHOW_DELETED_PARAM);
          const query = params.toString();
          startTransition(() => {
            setShown(next);
            router.replace(query ? `?${query}` : window.location.pathname, { scroll: false });
          });
        }}
      />
      {t("showDeleted")}
    </label>
  );
}
