"use client";

import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useId, useState } from "react";
import { useErrorText } from "@/components/errors/use-error-text";
import { PageHeader } from "@/components/page-header";
import { Button, buttonClasses } from "@/components/ui/button";
import { DownloadIcon, GridIcon, RefreshIcon, SpinnerIcon } from "@/components/ui/icons";
import { Thumbnail } from "@/components/ui/thumbnail";
import {
  useGenerationImages,
  useGenerationJob,
  useRegenerateGenerationItem,
  type GeneratedImageView,
  type GenerationJobDetail,
} from "@/lib/queries/generation";
import {
  GenerationItemBadge,
  GenerationJobActions,
  GenerationJobProgress,
  GenerationStatusBadge,
} from "./generation-job-progress";

type Prompt = GenerationJobDetail["prompts"][number];
type Item = Prompt["items"][number];

const LINK =
  "text-accent-300 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-accent-300";

const catalogUrl = (batchId: string, imageId?: string) =>
  `/catalogo?batchId=${encodeURIComponent(batchId)}${imageId ? `&foto=${encodeURIComponent(imageId)}` : ""}`;

/** One image of a prompt: thumbnail (a link to it in the catalog), relative path, status, failure reason, "regenerar". */
function ItemCard({
  item,
  batchId,
  view,
  onRegenerate,
  isRegenerating,
}: {
  item: Item;
  batchId: string;
  view: GeneratedImageView | undefined;
  onRegenerate: () => void;
  isRegenerating: boolean;
}) {
  const t = useTranslations("generation.results");
  const errorText = useErrorText();
  const hasThumb = Boolean(view?.thumbnailUrl && view.processingStatus === "READY");
  const thumb = (
    <div className="relative aspect-square overflow-hidden rounded-lg border border-white/10 bg-slate-950/60">
      <Thumbnail
        src={hasThumb ? view!.thumbnailUrl : null}
        alt={t("imageAlt", { path: item.relativePath })}
        missingText={item.status === "SUCCEEDED" ? t("thumbnailPending") : t(`noImage.${item.status}`)}
      />
      <span className="absolute left-1.5 top-1.5 rounded-md bg-slate-950/85 px-1.5 py-0.5 text-xs font-semibold tabular-nums text-white">
        {item.number}
      </span>
      <span className="absolute right-1.5 top-1.5 rounded-full bg-slate-950/90">
        <GenerationItemBadge status={item.status} />
      </span>
    </div>
  );
  return (
    <li
      className="glass-subtle flex flex-col gap-2 rounded-xl p-2"
      data-testid="generation-item"
      data-item-id={item.id}
      data-number={item.number}
      data-status={item.status}
    >
      {item.imageId ? (
        <Link
          href={catalogUrl(batchId, item.imageId)}
          className="rounded-lg focus-visible:outline-2 focus-visible:outline-accent-400"
          aria-label={t("openInCatalog", { path: item.relativePath })}
          data-testid="generation-item-link"
        >
          {thumb}
        </Link>
      ) : (
        thumb
      )}
      <span
        className="break-all font-mono text-xs text-slate-100"
        title={item.relativePath}
        data-testid="generation-item-path"
      >
        {item.fileName}
      </span>
      {item.status === "FAILED" ? (
        <p
          className="line-clamp-3 text-xs text-rose-200"
          data-testid="generation-item-error"
          title={item.error ?? undefined}
        >
          {item.errorCode ? errorText({ code: item.errorCode }) : null}
          {item.error ? ` ${item.error}` : null}
        </p>
      ) : null}
      {item.status === "SUCCEEDED" || item.status === "FAILED" ? (
        <Button
          size="sm"
          variant="ghost"
          className="h-8 self-start px-2 text-xs"
          onClick={onRegenerate}
          disabled={isRegenerating}
          aria-label={t("regenerateLabel", { path: item.relativePath })}
        >
          {isRegenerating ? <SpinnerIcon className="size-3.5 animate-spin" /> : <RefreshIcon className="size-3.5" />}
          {t("regenerate")}
        </Button>
      ) : null}
    </li>
  );
}

function PromptGroup({
  prompt,
  job,
  views,
}: {
  prompt: Prompt;
  job: GenerationJobDetail;
  views: Map<string, GeneratedImageView> | undefined;
}) {
  const t = useTranslations("generation.results");
  const errorText = useErrorText();
  const id = useId();
  const regenerate = useRegenerateGenerationItem(job.id);
  const [error, setError] = useState<string | null>(null);
  const done = prompt.items.filter((i) => i.status === "SUCCEEDED").length;
  return (
    <section
      aria-labelledby={`${id}-title`}
      className="glass space-y-4 rounded-2xl p-5"
      data-testid="generation-prompt"
    >
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id={`${id}-title`} className="text-base font-semibold text-white">
          {t("promptTitle", { position: prompt.position + 1 })}
          {prompt.sku ? <span className="ml-2 font-mono text-sm text-accent-300">{prompt.sku}</span> : null}
        </h2>
        <p className="text-sm text-slate-300">
          {t("promptCounts", { done, quantity: prompt.quantity })}
          {job.separateFolders ? <span className="ml-2 font-mono text-xs text-slate-400">{prompt.slug}/</span> : null}
        </p>
      </div>
      <p
        className="whitespace-pre-line rounded-xl border border-white/10 bg-slate-950/40 px-4 py-3 text-sm text-slate-100"
        data-testid="generation-prompt-text"
      >
        {prompt.prompt}
      </p>
      {error ? (
        <p role="alert" className="text-sm text-rose-200">
          {error}
        </p>
      ) : null}
      <ul className="grid grid-cols-2 gap-3 sm:grid-cols-3 md:grid-cols-4 xl:grid-cols-6">
        {prompt.items.map((item) => (
          <ItemCard
            key={item.id}
            item={item}
            batchId={job.batchId}
            view={item.imageId ? views?.get(item.imageId) : undefined}
            isRegenerating={regenerate.isPending && regenerate.variables === item.id}
            onRegenerate={() => {
              setError(null);
              regenerate.mutate(item.id, { onError: (e) => setError(t("regenerateError", { error: errorText(e) })) });
            }}
          />
        ))}
      </ul>
    </section>
  );
}

/** The job's results: header (ZIP, catalog), live progress and controls, then the images grouped by prompt. */
export function GenerationResults({ jobId }: { jobId: string }) {
  const t = useTranslations("generation.results");
  const errorText = useErrorText();
  const format = useFormatter();
  const query = useGenerationJob(jobId);
  const job = query.data;
  const imageIds = job?.prompts.flatMap((p) => p.items.flatMap((i) => (i.imageId ? [i.imageId] : []))) ?? [];
  const images = useGenerationImages(job?.batchId ?? "none", imageIds);

  if (!job) {
    if (query.isError)
      return (
        <div role="alert" className="glass rounded-2xl p-5 text-sm text-rose-200">
          {t("error", { error: errorText(query.error) })}{" "}
          <Link href="/geracao" className={LINK}>
            {t("back")}
          </Link>
        </div>
      );
    return (
      <p role="status" className="flex items-center gap-2 text-sm text-slate-300">
        <SpinnerIcon className="size-4 animate-spin" />
        {t("loading")}
      </p>
    );
  }
  const when = format.dateTime(new Date(job.createdAt), { dateStyle: "short", timeStyle: "short" });
  return (
    <>
      <PageHeader
        title={t("title", { date: when })}
        description={t("description", { model: job.model, size: job.size, batch: job.batchName })}
        actions={
          <>
            <Link href="/geracao" className={buttonClasses("ghost", "sm")}>
              {t("back")}
            </Link>
            <Link
              href={catalogUrl(job.batchId)}
              className={buttonClasses("secondary", "sm")}
              data-testid="generation-catalog-link"
            >
              <GridIcon className="size-4" />
              {t("catalog")}
            </Link>
            {job.done > 0 ? (
              <a
                href={`/api/v1/generation/jobs/${encodeURIComponent(job.id)}/zip`}
                download
                className={buttonClasses("primary", "sm")}
                data-testid="generation-zip"
              >
                <DownloadIcon className="size-4" />
                {t("zip")}
              </a>
            ) : null}
          </>
        }
      />
      <div className="space-y-6">
        <section className="glass space-y-4 rounded-2xl p-5" aria-label={t("progress")}>
          <div className="flex flex-wrap items-center justify-between gap-3">
            <div className="flex flex-wrap items-center gap-2 text-sm text-slate-300">
              <GenerationStatusBadge status={job.status} />
              <span>
                {t("batch")}{" "}
                <Link href={`/lotes/${job.batchId}`} className={LINK}>
                  {job.batchName}
                </Link>
              </span>
            </div>
            <GenerationJobActions job={job} />
          </div>
          <GenerationJobProgress job={job} rates={job} />
        </section>
        <div className="space-y-6" data-testid="generation-prompts">
          {job.prompts.map((prompt) => (
            <PromptGroup key={prompt.id} prompt={prompt} job={job} views={images.data} />
          ))}
        </div>
      </div>
    </>
  );
}
