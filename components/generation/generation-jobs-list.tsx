"use client";

import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { Button, buttonClasses } from "@/components/ui/button";
import { SpinnerIcon } from "@/components/ui/icons";
import {
  isGenerationActive,
  useGenerationJob,
  useGenerationJobs,
  type GenerationJobSummary,
} from "@/lib/queries/generation";
import { GenerationJobActions, GenerationJobProgress, GenerationStatusBadge } from "./generation-job-progress";

const LINK =
  "text-accent-300 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-accent-300";

/** One job of the list; while it is queued or running its detail is polled for live counts, rate and ETA. */
function JobCard({ summary }: { summary: GenerationJobSummary }) {
  const t = useTranslations("generation.jobs");
  const format = useFormatter();
  const detail = useGenerationJob(summary.id, { enabled: isGenerationActive(summary.status) });
  // The detail is fresher while polled; the list is fresher once the job ended elsewhere.
  const live = detail.data && detail.dataUpdatedAt > 0 ? detail.data : null;
  const job = live && isGenerationActive(summary.status) ? live : summary;
  const when = format.dateTime(new Date(job.createdAt), { dateStyle: "short", timeStyle: "short" });
  return (
    <li
      className="glass space-y-4 rounded-2xl p-5"
      data-testid="generation-job"
      data-job-id={job.id}
      aria-label={t("jobLabel", { date: when })}
    >
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0 space-y-1">
          <div className="flex flex-wrap items-center gap-2">
            <Link href={`/geracao/${job.id}`} className={`${LINK} text-base font-semibold`}>
              {t("title", { date: when })}
            </Link>
            <GenerationStatusBadge status={job.status} />
          </div>
          <p className="text-sm text-slate-300">
            {t("batch")}{" "}
            <Link href={`/lotes/${job.batchId}`} className={LINK}>
              {job.batchName}
            </Link>
            <span className="text-slate-400">
              {" · "}
              {t("settings", {
                model: job.model,
                size: job.size,
                quality: job.quality ?? t("qualityDefault"),
                total: job.total,
              })}
            </span>
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <GenerationJobActions job={job} />
          <Link href={`/geracao/${job.id}`} className={buttonClasses("secondary", "sm")}>
            {t("results")}
          </Link>
        </div>
      </div>
      <GenerationJobProgress job={job} rates={live} />
    </li>
  );
}

/** The page's jobs, newest first. */
export function GenerationJobsList() {
  const t = useTranslations("generation.jobs");
  const jobs = useGenerationJobs();
  if (jobs.isPending)
    return (
      <p role="status" className="flex items-center gap-2 text-sm text-slate-300">
        <SpinnerIcon className="size-4 animate-spin" />
        {t("loading")}
      </p>
    );
  if (jobs.isError && !jobs.data)
    return (
      <div role="alert" className="glass flex items-center justify-between gap-3 rounded-xl p-4 text-sm text-rose-200">
        {t("error")}
        <Button variant="secondary" size="sm" onClick={() => void jobs.refetch()}>
          {t("retry")}
        </Button>
      </div>
    );
  if (jobs.data.length === 0) return <p className="glass rounded-2xl p-5 text-sm text-slate-300">{t("empty")}</p>;
  return (
    <ul className="space-y-4" data-testid="generation-jobs">
      {jobs.data.map((job) => (
        <JobCard key={job.id} summary={job} />
      ))}
    </ul>
  );
}
