"use client";

import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { PageHeader } from "@/components/page-header";
import { SpinnerIcon } from "@/components/ui/icons";
import { ApiError } from "@/lib/queries/api-client";
import { useAiRun } from "@/lib/queries/ai-runs";
import { AiRunLog } from "./ai-run-log";
import { AiRunActions, AiRunProgress, useLiveRunLog } from "./ai-run-progress";
import { AiRunStatusBadge } from "./ai-run-status-badge";

const BACK = "mb-3 inline-block rounded text-sm text-accent-300 underline-offset-4 hover:underline";

/** One run's page: what it analyses and with what, the live progress, cancel / reprocessar falhas / resume, and the log. */
export function AiRunDetail({ runId, canEdit }: { runId: string; canEdit: boolean }) {
  const t = useTranslations("ai.runDetail");
  const tFields = useTranslations("ai.fields");
  const tEngine = useTranslations("ai.engine");
  const tMode = useTranslations("ai.mode");
  const format = useFormatter();
  const run = useAiRun(runId);
  useLiveRunLog(run.data);

  if (run.isPending)
    return (
      <p role="status" className="flex items-center gap-2 text-sm text-slate-300">
        <SpinnerIcon className="size-4 animate-spin" />
        {t("loading")}
      </p>
    );
  const data = run.data;
  if (!data) {
    const isMissing = run.error instanceof ApiError && (run.error.status === 404 || run.error.status === 400);
    return (
      <div className="space-y-4">
        <h1 className="text-2xl font-semibold text-white">{isMissing ? t("notFound") : t("loadError")}</h1>
        <Link href="/catalogo/analises" className={BACK}>
          ← {t("back")}
        </Link>
      </div>
    );
  }
  const date = format.dateTime(new Date(data.createdAt), { dateStyle: "short", timeStyle: "short" });
  const facts = [
    data.createdBy ? t("createdBy", { name: data.createdBy.name ?? data.createdBy.email }) : null,
    t("fields", { fields: data.fields.map((field) => tFields(field)).join(", ") }) +
      (data.overwriteManual ? ` · ${t("overwrite")}` : ""),
    data.engine === "local" ? tEngine("local") : t("model", { model: data.model }),
    t("mode", { mode: tMode(data.mode) }),
    data.tokensIn + data.tokensOut > 0 ? t("tokens", { tokensIn: data.tokensIn, tokensOut: data.tokensOut }) : null,
  ].filter((fact): fact is string => fact !== null);
  return (
    <>
      <Link href="/catalogo/analises" className={BACK}>
        ← {t("back")}
      </Link>
      <PageHeader
        title={t("title", { date })}
        actions={<AiRunStatusBadge status={data.status} className="px-3 py-1 text-sm" />}
      />
      <section className="glass mb-6 space-y-4 rounded-2xl p-5" data-testid="ai-run-detail">
        <ul className="flex flex-wrap gap-x-2 gap-y-1 text-sm text-slate-300" data-testid="ai-run-facts">
          {facts.map((fact, index) => (
            <li key={fact}>
              {index > 0 ? (
                <span aria-hidden="true" className="mr-2 text-slate-500">
                  ·
                </span>
              ) : null}
              {fact}
            </li>
          ))}
        </ul>
        <AiRunProgress run={data} />
        {canEdit ? <AiRunActions run={data} /> : null}
      </section>
      <section className="glass rounded-2xl p-5">
        <AiRunLog runId={runId} />
      </section>
    </>
  );
}
