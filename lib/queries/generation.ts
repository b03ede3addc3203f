/**
 * TanStack Query hooks of image generation (/api/v1/generation): the preview of a prompt file or of
 * typed prompts (both sent as a TXT part, so the server's one parser reads them), creating a job,
 * the jobs list, one job polled at the server's X-Polling-Interval (seconds), stop / resume /
 * regenerate, the keys' generation stats and the thumbnails of a job's images (GET /api/v1/images).
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import type { GenerationKeyStats } from "@/lib/generation/generation-keys";
import type {
  GENERATION_ITEM_STATUSES,
  GENERATION_JOB_STATUSES,
  generationJobDetailSchema,
  generationJobSummarySchema,
  previewSchema,
} from "@/lib/generation/schemas";
import { apiGet, apiPost, apiRequest, withQuery } from "./api-client";
import { queryKeys } from "./keys";
import type { ImagePage, ProcessingStatus } from "./types";

export type GenerationJobStatus = (typeof GENERATION_JOB_STATUSES)[number];
export type GenerationItemStatus = (typeof GENERATION_ITEM_STATUSES)[number];
export type GenerationJobSummary = z.infer<typeof generationJobSummarySchema>;
export type GenerationJobDetail = z.infer<typeof generationJobDetailSchema>;
export type GenerationPreview = z.infer<typeof previewSchema>;
export type { GenerationKeyStats };

/** Where the prompts come from: a dropped TXT file, or the page's textarea (sent as a TXT part). */
export type PromptSource = { kind: "file"; file: File } | { kind: "text"; text: string };

export type GenerationOptions = {
  quantity: number;
  model: string;
  size: string;
  quality: string;
  separateFolders: boolean;
};

export type GenerationDestination =
  | { kind: "existing"; batchId: string }
  | { kind: "new"; name: string; brandId: string | null; collectionId: string | null };

const DEFAULT_POLL_SECONDS = 2;
const ACTIVE: ReadonlySet<GenerationJobStatus> = new Set(["QUEUED", "RUNNING"]);
export const isGenerationActive = (status: GenerationJobStatus) => ACTIVE.has(status);

const jobPath = (id: string) => `/api/v1/generation/jobs/${encodeURIComponent(id)}`;

export function promptSourceSignature(source: PromptSource | null, quantity: number): string | null {
  if (!source) return null;
  if (source.kind === "file")
    return `file:${source.file.name}:${source.file.size}:${source.file.lastModified}:${quantity}`;
  return source.text.trim() ? `text:${quantity}:${source.text}` : null;
}

/** The form's fields first, then the prompts as the `file` part. */
function promptForm(source: PromptSource, fields: Record<string, string | null | undefined>): FormData {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) if (value) form.set(key, value);
  if (source.kind === "file") form.set("file", source.file);
  else form.set("file", new File([source.text], "prompts.txt", { type: "text/plain" }));
  return form;
}

/** POST /jobs/preview for the current source and default quantity; nothing is stored. */
export function useGenerationPreview(source: PromptSource | null, quantity: number) {
  const signature = promptSourceSignature(source, quantity);
  return useQuery({
    queryKey: queryKeys.generation.preview(signature ?? ""),
    enabled: signature !== null,
    queryFn: async () =>
      (
        await apiRequest<GenerationPreview>("/api/v1/generation/jobs/preview", {
          method: "POST",
          body: promptForm(source!, { quantity: String(quantity) }),
        })
      ).data,
    placeholderData: keepPreviousData,
    retry: false,
    staleTime: Infinity,
  });
}

/** POST /api/v1/generation/jobs (multipart): a job into a new or existing batch → {id, total, batchId}. */
export function useCreateGenerationJob() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (input: {
      source: PromptSource;
      options: GenerationOptions;
      destination: GenerationDestination;
    }) => {
      const { options, destination } = input;
      const form = promptForm(input.source, {
        quantity: String(options.quantity),
        model: options.model.trim(),
        size: options.size,
        quality: options.quality,
        separateFolders: String(options.separateFolders),
        ...(destination.kind === "existing"
          ? { batchId: destination.batchId }
          : {
              batchName: destination.name.trim(),
              brandId: destination.brandId,
              collectionId: destination.collectionId,
            }),
      });
      return (
        await apiRequest<{ id: string; total: number; batchId: string }>("/api/v1/generation/jobs", {
          method: "POST",
          body: form,
        })
      ).data;
    },
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: queryKeys.generation.jobs() });
      void client.invalidateQueries({ queryKey: queryKeys.batches.all() });
    },
  });
}

/** The latest jobs; read again every few seconds while one of them runs. */
export function useGenerationJobs() {
  return useQuery({
    queryKey: queryKeys.generation.jobs(),
    queryFn: ({ signal }) =>
      apiGet<{ jobs: GenerationJobSummary[] }>("/api/v1/generation/jobs", signal).then((r) => r.jobs),
    refetchInterval: (query) => ((query.state.data ?? []).some((j) => isGenerationActive(j.status)) ? 5_000 : false),
  });
}

export type PolledGenerationJob = GenerationJobDetail & { pollSeconds: number };

function onJobChanged(client: QueryClient) {
  void client.invalidateQueries({ queryKey: queryKeys.generation.jobs() });
  void client.invalidateQueries({ queryKey: queryKeys.generation.keyStats() });
}

/**
 * One job with its per-prompt results, polled at the server's X-Polling-Interval while it is queued
 * or running (the server sends no header once it stopped, paused or completed). A poll that sees
 * the counters move refreshes the list and the keys' stats.
 */
export function useGenerationJob(id: string, { enabled = true }: { enabled?: boolean } = {}) {
  const client = useQueryClient();
  return useQuery({
    queryKey: queryKeys.generation.job(id),
    enabled,
    queryFn: async ({ signal }): Promise<PolledGenerationJob> => {
      const previous = client.getQueryData<PolledGenerationJob>(queryKeys.generation.job(id));
      const { data, headers } = await apiRequest<GenerationJobDetail>(jobPath(id), { signal });
      const header = Number(headers.get("x-polling-interval"));
      const pollSeconds = Number.isFinite(header) && header > 0 ? header : DEFAULT_POLL_SECONDS;
      const counters = (j: GenerationJobSummary) => `${j.status}:${j.done}:${j.failed}`;
      if (!previous || counters(previous) !== counters(data)) onJobChanged(client);
      return { ...data, pollSeconds };
    },
    refetchInterval: (query) => {
      const data = query.state.data;
      if (!data) return DEFAULT_POLL_SECONDS * 1000;
      return isGenerationActive(data.status) ? data.pollSeconds * 1000 : false;
    },
  });
}

export type GenerationAction = "stop" | "resume";

/** stop · resume; the answer is the job, written into its cache. */
export function useGenerationJobAction(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (action: GenerationAction) => apiPost<GenerationJobDetail>(`${jobPath(id)}/${action}`, {}),
    onSuccess: (job) => {
      client.setQueryData<PolledGenerationJob>(queryKeys.generation.job(id), (old) => ({
        ...job,
        pollSeconds: old?.pollSeconds ?? DEFAULT_POLL_SECONDS,
      }));
      onJobChanged(client);
    },
  });
}

/** "Regenerar": one finished image of the job is generated again. */
export function useRegenerateGenerationItem(jobId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (itemId: string) =>
      apiPost<GenerationJobDetail>(`${jobPath(jobId)}/items/${encodeURIComponent(itemId)}/regenerate`, {}),
    onSuccess: (job) => {
      client.setQueryData<PolledGenerationJob>(queryKeys.generation.job(jobId), (old) => ({
        ...job,
        pollSeconds: old?.pollSeconds ?? DEFAULT_POLL_SECONDS,
      }));
      onJobChanged(client);
    },
  });
}

/** GET /api/v1/generation/keys/stats: per key successes, errors, last error, images, cost (never a secret). */
export function useGenerationKeyStats({ isLive }: { isLive: boolean }) {
  return useQuery({
    queryKey: queryKeys.generation.keyStats(),
    queryFn: ({ signal }) =>
      apiGet<{ keys: GenerationKeyStats[] }>("/api/v1/generation/keys/stats", signal).then((r) => r.keys),
    refetchInterval: isLive ? 5_000 : false,
  });
}

export type GeneratedImageView = { thumbnailUrl: string | null; processingStatus: ProcessingStatus };

const THUMBNAIL_PAGES = 4;
const THUMBNAIL_PAGE_SIZE = 500;

/**
 * The thumbnails of the job's batch (GET /api/v1/images?batchId=), by image id; read again every
 * two seconds while one of `imageIds` has no finished thumbnail yet (they are made after storing).
 */
export function useGenerationImages(batchId: string, imageIds: readonly string[]) {
  return useQuery({
    queryKey: queryKeys.images.generated(batchId),
    enabled: imageIds.length > 0,
    queryFn: async ({ signal }) => {
      const views = new Map<string, GeneratedImageView>();
      let cursor: string | null = null;
      for (let page = 0; page < THUMBNAIL_PAGES; page++) {
        const answer: ImagePage = await apiGet<ImagePage>(
          withQuery("/api/v1/images", { batchId, cursor, limit: THUMBNAIL_PAGE_SIZE }),
          signal,
        );
        for (const image of answer.items)
          views.set(image.id, { thumbnailUrl: image.thumbnailUrl, processingStatus: image.processingStatus });
        cursor = answer.nextCursor;
        if (!cursor) break;
      }
      return views;
    },
    placeholderData: keepPreviousData,
    refetchInterval: (query) => {
      const views = query.state.data;
      const isSettled = (id: string) => {
        const status = views?.get(id)?.processingStatus;
        return status === "READY" || status === "FAILED" || status === "CANCELLED";
      };
      return imageIds.every(isSettled) ? false : 2_000;
    },
  });
}
