/** TanStack Query hooks for URL lists: the preview of a list and the creation of a URL batch from it (multipart). */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import type { urlBatchCreatedSchema, UrlListPreview } from "@/lib/batches/url-list/schemas";
import { apiRequest } from "./api-client";
import { rememberBatch } from "./batches";

export type UrlBatchCreated = z.infer<typeof urlBatchCreatedSchema>;
export type { UrlListPreview };

export const URL_LIST_TEMPLATE_PATH = "/api/v1/export/template";

export type UrlBatchOptions = {
  name: string;
  brandId: string | null;
  collectionId: string | null;
  autoStart: boolean;
  chunkSize: number;
};

/** POST /api/v1/batches/url-list/preview: counts, invalid lines with their numbers, first valid rows. */
export function useUrlListPreview() {
  return useMutation({
    mutationFn: async (file: File) => {
      const form = new FormData();
      form.set("file", file);
      return (await apiRequest<UrlListPreview>("/api/v1/batches/url-list/preview", { method: "POST", body: form }))
        .data;
    },
  });
}

/** POST /api/v1/batches (multipart, seed 004's field names): the text fields first, then the file. */
export function useCreateUrlBatch() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ file, options }: { file: File; options: UrlBatchOptions }) => {
      const form = new FormData();
      if (options.name) form.set("batch_name", options.name);
      if (options.brandId) form.set("brandId", options.brandId);
      if (options.collectionId) form.set("collectionId", options.collectionId);
      form.set("auto_start", String(options.autoStart));
      form.set("chunk_size", String(options.chunkSize));
      form.set("file", file);
      return (await apiRequest<UrlBatchCreated>("/api/v1/batches", { method: "POST", body: form })).data;
    },
    onSuccess: (batch) => rememberBatch(client, batch),
  });
}
