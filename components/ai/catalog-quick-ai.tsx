"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { createContext, useCallback, useContext, useMemo, useState, type MouseEvent, type ReactNode } from "react";
import { useErrorText } from "@/components/errors/use-error-text";
import { cn } from "@/components/ui/cn";
import { CloseIcon, SpinnerIcon } from "@/components/ui/icons";
import { isAiRunActive, useAiRun, useAnalyzeImage } from "@/lib/queries/ai-runs";
import { SparkleIcon } from "@/components/ui/icons";

type Toast = { key: number; imageId: string; name: string; runId: string | null; error: unknown };
type QuickAi = { analyze: (imageId: string, name: string) => void; isStarting: (imageId: string) => boolean };

const QuickAiContext = createContext<QuickAi | null>(null);
/** Older notices give way beyond this many. */
const MAX_TOASTS = 3;

function ToastRow({ toast, onDismiss }: { toast: Toast; onDismiss: () => void }) {
  const t = useTranslations("ai.card");
  const errorText = useErrorText();
  const run = useAiRun(toast.runId);
  const data = run.data;
  let text = t("queued", { name: toast.name });
  let tone = "text-slate-100";
  if (toast.error) {
    text = t("startError", { name: toast.name, error: errorText(toast.error) });
    tone = "text-rose-200";
  } else if (data && data.status === "PAUSED") {
    text = t("paused", { name: toast.name, reason: data.pauseReason ?? "" });
    tone = "text-amber-100";
  } else if (data && !isAiRunActive(data.status)) {
    if (data.succeeded > 0) {
      text = t("done", { name: toast.name });
      tone = "text-emerald-200";
    } else if (data.failed > 0) {
      text = t("failed", { name: toast.name });
      tone = "text-rose-200";
    } else if (data.skipped > 0) text = t("skipped", { name: toast.name });
    else text = t("cancelled", { name: toast.name });
  }
  const isBusy = !toast.error && (!data || isAiRunActive(data.status));
  return (
    <li
      data-testid="ai-quick-toast"
      data-image-id={toast.imageId}
      data-status={toast.error ? "ERROR" : (data?.status ?? "STARTING")}
      className="glass flex items-start gap-2 rounded-xl border border-white/15 px-3 py-2 text-sm shadow-xl shadow-black/40"
    >
      {isBusy ? <SpinnerIcon className="mt-0.5 size-4 shrink-0 animate-spin text-accent-300" /> : null}
      <div className="min-w-0 flex-1">
        <p className={cn("break-words", tone)}>{text}</p>
        {toast.runId ? (
          <Link
            href={`/catalogo/analises/${toast.runId}`}
            className="text-xs text-accent-300 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-accent-300"
          >
            {t("openRun")}
          </Link>
        ) : null}
      </div>
      <button
        type="button"
        aria-label={t("dismiss")}
        onClick={onDismiss}
        className="rounded p-0.5 text-slate-400 hover:text-white focus-visible:outline-2 focus-visible:outline-accent-300"
      >
        <CloseIcon className="size-4" />
      </button>
    </li>
  );
}

/**
 * The catalog cards' quick AI analysis (EDITOR and up): a click starts a run of one photo
 * (POST /api/v1/images/{id}/analyze) and a small notice follows it until it ends. Without
 * `canEdit` the cards show no button.
 */
export function QuickAiProvider({ canEdit, children }: { canEdit: boolean; children: ReactNode }) {
  const t = useTranslations("ai.card");
  // mutateAsync: each click's own promise (mutate's callbacks would only fire for the latest click).
  const { mutateAsync: analyzeImage } = useAnalyzeImage();
  const [toasts, setToasts] = useState<Toast[]>([]);
  const [starting, setStarting] = useState<ReadonlySet<string>>(new Set());

  const analyze = useCallback(
    (imageId: string, name: string) => {
      const key = Date.now() + Math.random();
      setStarting((previous) => new Set(previous).add(imageId));
      const settle = (patch: Partial<Toast>) => {
        setStarting((previous) => {
          const next = new Set(previous);
          next.delete(imageId);
          return next;
        });
        setToasts((previous) =>
          [{ key, imageId, name, runId: null, error: null, ...patch }, ...previous].slice(0, MAX_TOASTS),
        );
      };
      analyzeImage({ imageId }).then(
        ({ runId }) => settle({ runId }),
        (error: unknown) => settle({ error }),
      );
    },
    [analyzeImage],
  );
  const value = useMemo<QuickAi | null>(
    () => (canEdit ? { analyze, isStarting: (id) => starting.has(id) } : null),
    [canEdit, analyze, starting],
  );
  return (
    <QuickAiContext.Provider value={value}>
      {children}
      {toasts.length > 0 ? (
        <ul
          aria-label={t("toasts")}
          aria-live="polite"
          className="fixed right-4 top-4 z-50 w-80 max-w-[calc(100vw-2rem)] space-y-2"
        >
          {toasts.map((toast) => (
            <ToastRow
              key={toast.key}
              toast={toast}
              onDismiss={() => setToasts((previous) => previous.filter((other) => other.key !== toast.key))}
            />
          ))}
        </ul>
      ) : null}
    </QuickAiContext.Provider>
  );
}

/**
 * The card's AI button (bottom-right of the thumbnail, shown on hover or keyboard focus). A button
 * inside the card's link: its click neither follows the link nor opens the detail.
 */
export function QuickAiButton({ imageId, name }: { imageId: string; name: string }) {
  const t = useTranslations("ai.card");
  const quick = useContext(QuickAiContext);
  if (!quick) return null;
  const isStarting = quick.isStarting(imageId);
  const onClick = (event: MouseEvent<HTMLButtonElement>) => {
    event.preventDefault();
    event.stopPropagation();
    if (!isStarting) quick.analyze(imageId, name);
  };
  return (
    <button
      type="button"
      aria-label={t("analyze", { name })}
      title={t("analyze", { name })}
      data-testid="card-ai"
      onClick={onClick}
      aria-busy={isStarting}
      className={cn(
        "absolute bottom-2 right-2 z-10 flex size-8 items-center justify-center rounded-lg border border-white/30 bg-slate-950/75 text-accent-300 shadow transition-opacity",
        "hover:border-accent-300 hover:bg-slate-900 hover:text-white focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent-300",
        isStarting
          ? "opacity-100"
          : "opacity-0 group-hover:opacity-100 group-focus-within:opacity-100 focus-visible:opacity-100",
      )}
    >
      {isStarting ? <SpinnerIcon className="size-4 animate-spin" /> : <SparkleIcon className="size-4" />}
    </button>
  );
}
