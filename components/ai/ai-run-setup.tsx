"use client";

import { useLocale, useTranslations } from "next-intl";
import { useMemo, useState, type FormEvent } from "react";
import { formatDuration } from "@/components/batches/format";
import { useErrorText } from "@/components/errors/use-error-text";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { SpinnerIcon } from "@/components/ui/icons";
import { AI_FIELDS, DEFAULT_AI_FIELDS, isVisionField, type AiField } from "@/lib/ai/fields";
import {
  useAiRunEstimate,
  useStartAiRun,
  type AiEstimateAnswer,
  type AiRunMode,
  type AiRunRequest,
} from "@/lib/queries/ai-runs";
import { ApiError } from "@/lib/queries/api-client";
import type { BulkSelectionBody } from "@/lib/queries/catalog-bulk";
import { formatUsd } from "./ai-format";

const isBatchUnsupported = (error: unknown) => error instanceof ApiError && error.code === "AI_BATCH_UNSUPPORTED";

const CHECKBOX = "size-4 shrink-0 rounded border-white/30 bg-slate-900 accent-accent-500";

function EstimatePanel({
  answer,
  isLoading,
  error,
  mode,
}: {
  answer: AiEstimateAnswer | undefined;
  isLoading: boolean;
  error: unknown;
  mode: AiRunMode;
}) {
  const t = useTranslations("ai.modal");
  const tEngine = useTranslations("ai.engine");
  const errorText = useErrorText();
  const locale = useLocale();
  const engine = answer?.engine ?? null;
  const rows = answer
    ? [
        { key: "photos", label: t("photos"), value: t("photosValue", { count: answer.total }) },
        {
          key: "cost",
          label: t("cost"),
          value: answer.estimate.costUsd > 0 ? formatUsd(answer.estimate.costUsd, locale) : t("free"),
        },
        {
          key: "time",
          label: t("time"),
          value:
            mode === "batch"
              ? t("timeBatch")
              : answer.estimate.seconds > 0 && answer.estimate.seconds < 1
                ? t("underSecond")
                : formatDuration(answer.estimate.seconds),
        },
        ...(engine
          ? [
              {
                key: "engine",
                label: tEngine("label"),
                value: engine === "local" ? tEngine("local") : tEngine("modelNamed", { model: answer.model }),
              },
            ]
          : []),
      ]
    : [];
  return (
    <section
      aria-labelledby="ai-estimate-title"
      aria-busy={isLoading}
      data-testid="ai-estimate"
      className="rounded-xl border border-white/10 bg-white/[0.03] p-4"
    >
      <h3 id="ai-estimate-title" className="mb-2 flex items-center gap-2 text-sm font-semibold text-white">
        {t("estimateTitle")}
        {isLoading ? <SpinnerIcon className="size-4 animate-spin text-slate-300" aria-label={t("estimating")} /> : null}
      </h3>
      {error && !answer ? (
        <p role="alert" className="text-sm text-rose-200">
          {t("estimateError", { error: errorText(error) })}
        </p>
      ) : answer ? (
        <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
          {rows.map((row) => (
            <div key={row.key} className={cn(row.key === "engine" && "col-span-2 sm:col-span-1")}>
              <dt className="text-xs text-slate-400">{row.label}</dt>
              <dd data-testid={`ai-estimate-${row.key}`} className="text-sm font-semibold text-slate-100">
                {row.value}
              </dd>
            </div>
          ))}
        </dl>
      ) : (
        <p className="text-sm text-slate-300">{t("estimating")}</p>
      )}
    </section>
  );
}

/**
 * The run modal's first step: the fields, "sobrescrever edições manuais", the mode (economy off, with
 * the server's reason, when it cannot be used) and the estimate of both modes, asked again as they change.
 */
export function AiRunSetup({
  selection,
  selectionText,
  onStarted,
  onClose,
}: {
  selection: BulkSelectionBody;
  selectionText: string;
  onStarted: (runId: string) => void;
  onClose: () => void;
}) {
  const t = useTranslations("ai.modal");
  const tFields = useTranslations("ai.fields");
  const tMode = useTranslations("ai.mode");
  const errorText = useErrorText();
  const [fields, setFields] = useState<ReadonlySet<AiField>>(new Set(DEFAULT_AI_FIELDS));
  const [overwriteManual, setOverwriteManual] = useState(false);
  const [mode, setMode] = useState<AiRunMode>("now");
  const start = useStartAiRun();

  const chosen = useMemo(() => AI_FIELDS.filter((field) => fields.has(field)), [fields]);
  // The Batch API carries the vision requests only: an economy run leaves the other fields out.
  const fieldsFor = (runMode: AiRunMode) => (runMode === "batch" ? chosen.filter(isVisionField) : chosen);
  const request = (runMode: AiRunMode): AiRunRequest | null => {
    const runFields = fieldsFor(runMode);
    return runFields.length > 0 ? { selection, fields: runFields, mode: runMode } : null;
  };
  const leftOutOfBatch = chosen.length - fieldsFor("batch").length;
  // Both modes are estimated: the economy one also says whether the server offers it (AI_BATCH_UNSUPPORTED).
  const nowEstimate = useAiRunEstimate(request("now"));
  const engine = nowEstimate.data?.engine ?? null;
  const batchEstimate = useAiRunEstimate(engine === "model" ? request("batch") : null);
  // The server says so in the batch estimate or, at the latest, when a batch run is refused.
  const [batchRefusal, setBatchRefusal] = useState<unknown>(null);
  const refusal = isBatchUnsupported(batchEstimate.error) ? batchEstimate.error : batchRefusal;
  const batchBlocked =
    engine === "local"
      ? tMode("batchLocal")
      : chosen.length > 0 && leftOutOfBatch === chosen.length
        ? tMode("batchNoVision")
        : refusal
          ? tMode("batchUnsupported", { reason: errorText(refusal) })
          : null;
  const effectiveMode: AiRunMode = batchBlocked || engine === null ? "now" : mode;
  const estimate = effectiveMode === "batch" ? batchEstimate : nowEstimate;

  const toggle = (field: AiField) =>
    setFields((previous) => {
      const next = new Set(previous);
      if (next.has(field)) next.delete(field);
      else next.add(field);
      return next;
    });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (chosen.length === 0) return;
    start.mutate(
      { selection, fields: fieldsFor(effectiveMode), overwriteManual, mode: effectiveMode },
      {
        onSuccess: (started) => onStarted(started.id),
        onError: (error) => {
          if (isBatchUnsupported(error)) setBatchRefusal(error);
        },
      },
    );
  };
  const isEstimateFailed = estimate.isError && !estimate.data;

  return (
    <form onSubmit={onSubmit} className="flex min-h-0 flex-1 flex-col" data-testid="ai-run-setup">
      <div className="min-h-0 flex-1 space-y-5 overflow-y-auto px-5 py-4">
        <p className="text-sm text-slate-300" data-testid="ai-modal-selection">
          {selectionText}
        </p>
        <fieldset>
          <legend className="mb-2 text-sm font-semibold text-white">{t("fieldsLegend")}</legend>
          <div className="grid grid-cols-2 gap-2 sm:grid-cols-4">
            {AI_FIELDS.map((field) => (
              <label
                key={field}
                className="flex cursor-pointer items-center gap-2 rounded-lg border border-white/10 bg-white/[0.03] px-3 py-2 text-sm text-slate-100 hover:border-white/25 has-[:checked]:border-accent-400/50 has-[:checked]:bg-accent-500/10 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-accent-300"
              >
                <input
                  type="checkbox"
                  className={CHECKBOX}
                  checked={fields.has(field)}
                  onChange={() => toggle(field)}
                  data-autofocus={field === AI_FIELDS[0] ? true : undefined}
                />
                {tFields(field)}
              </label>
            ))}
          </div>
          {chosen.length === 0 ? (
            <p role="alert" className="mt-2 text-sm text-rose-200">
              {t("noFields")}
            </p>
          ) : null}
        </fieldset>
        <label className="flex cursor-pointer items-start gap-2 text-sm text-slate-100">
          <input
            type="checkbox"
            className={cn(CHECKBOX, "mt-0.5")}
            checked={overwriteManual}
            onChange={(event) => setOverwriteManual(event.target.checked)}
            aria-describedby="ai-overwrite-hint"
          />
          <span>
            {t("overwrite")}
            <span id="ai-overwrite-hint" className="block text-xs text-slate-400">
              {t("overwriteHint")}
            </span>
          </span>
        </label>
        <fieldset>
          <legend className="mb-2 text-sm font-semibold text-white">{tMode("legend")}</legend>
          <div className="space-y-2">
            {(["now", "batch"] as const).map((value) => {
              const isDisabled = value === "batch" && batchBlocked !== null;
              const hintId = `ai-mode-${value}-hint`;
              return (
                <label
                  key={value}
                  className={cn(
                    "flex items-start gap-2 rounded-lg border border-white/10 px-3 py-2 text-sm",
                    isDisabled ? "cursor-not-allowed opacity-70" : "cursor-pointer hover:border-white/25",
                    effectiveMode === value && "border-accent-400/50 bg-accent-500/10",
                  )}
                >
                  <input
                    type="radio"
                    name="ai-mode"
                    value={value}
                    className="mt-0.5 size-4 accent-accent-500"
                    checked={effectiveMode === value}
                    disabled={isDisabled}
                    onChange={() => setMode(value)}
                    aria-describedby={hintId}
                  />
                  <span>
                    <span className="text-slate-100">{tMode(value)}</span>
                    <span
                      id={hintId}
                      data-testid={`ai-mode-${value}-hint`}
                      className={cn("block text-xs", isDisabled ? "text-amber-100" : "text-slate-400")}
                    >
                      {isDisabled ? batchBlocked : tMode(value === "now" ? "nowHint" : "batchHint")}
                      {value === "batch" && !isDisabled && leftOutOfBatch > 0 ? ` ${tMode("batchVisionOnly")}` : null}
                    </span>
                  </span>
                </label>
              );
            })}
          </div>
        </fieldset>
        {chosen.length > 0 ? (
          <EstimatePanel
            answer={estimate.data}
            isLoading={estimate.isFetching || estimate.isPending}
            error={estimate.error}
            mode={effectiveMode}
          />
        ) : null}
        {start.isError && !isBatchUnsupported(start.error) ? (
          <p role="alert" className="text-sm text-rose-200">
            {errorText(start.error)}
          </p>
        ) : null}
      </div>
      <footer className="flex flex-wrap items-center justify-end gap-2 border-t border-white/10 px-5 py-3">
        <Button variant="ghost" onClick={onClose}>
          {t("cancel")}
        </Button>
        <Button
          type="submit"
          disabled={chosen.length === 0 || start.isPending || isEstimateFailed || estimate.data?.total === 0}
        >
          {start.isPending ? <SpinnerIcon className="size-4 animate-spin" /> : null}
          {start.isPending ? t("starting") : t("start")}
        </Button>
      </footer>
    </form>
  );
}
