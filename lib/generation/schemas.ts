import { z } from "zod";
import { createBatchSchema } from "@/lib/batches/schemas";

/** Shared by the API routes (and the /geracao page to come): typed prompts, destination, options. */
const optionsShape = {
  size: z
    .string()
    .regex(/^(\d{2,5}x\d{2,5}|auto)$/, "Tamanho como 1024x1024 ou auto.")
    .optional(),
  model: z.string().trim().min(1).max(100).optional(),
  quality: z.enum(["low", "medium", "high", "auto", "standard", "hd"]).optional(),
  separateFolders: z.boolean().optional(),
  /** The first number of the seed's global numbering (1.png, 2.png, …). */
  firstNumber: z.number().int().min(1).max(1_000_000).optional(),
};

export const destinationShape = {
  batchId: z.uuid().optional(),
  batch: createBatchSchema.optional(),
};

export const typedPromptsSchema = z.object({
  prompts: z
    .array(z.object({ prompt: z.string().max(1_000_000), quantity: z.number().int().optional().nullable() }))
    .max(100_000),
  quantity: z.number().int().optional(),
  ...optionsShape,
});

export const createGenerationJsonSchema = typedPromptsSchema
  .extend(destinationShape)
  .refine((v) => !(v.batchId && v.batch), { message: "Informe batchId ou batch, não os dois." })
  .refine((v) => v.batchId || v.batch, { message: "Informe o lote de destino (batchId ou batch)." });

const boolField = z
  .enum(["true", "false", "1", "0", "on", "off"])
  .transform((v) => v === "true" || v === "1" || v === "on");
const intField = z.coerce.number().int();

/** Multipart fields beside the `file` part. */
export const generationFormSchema = z.object({
  quantity: intField.optional(),
  firstNumber: intField.min(1).max(1_000_000).optional(),
  size: optionsShape.size,
  model: optionsShape.model,
  quality: optionsShape.quality,
  separateFolders: boolField.optional(),
  batchId: z.uuid().optional(),
  batchName: z.string().trim().min(1).max(120).optional(),
  brandId: z.uuid().optional(),
  collectionId: z.uuid().optional(),
});

export const GENERATION_JOB_STATUSES = ["QUEUED", "RUNNING", "PAUSED", "STOPPED", "COMPLETED"] as const;
export const GENERATION_ITEM_STATUSES = ["PENDING", "RUNNING", "SUCCEEDED", "FAILED"] as const;

export const previewSchema = z.object({
  prompts: z.array(
    z.object({
      index: z.number(),
      prompt: z.string(),
      quantity: z.number(),
      sku: z.string().nullable(),
      slug: z.string(),
      numbers: z.array(z.number()),
    }),
  ),
  total: z.number(),
});

export const generationJobSummarySchema = z.object({
  id: z.string(),
  status: z.enum(GENERATION_JOB_STATUSES),
  batchId: z.string(),
  batchName: z.string(),
  model: z.string(),
  size: z.string(),
  quality: z.string().nullable(),
  separateFolders: z.boolean(),
  total: z.number(),
  done: z.number(),
  failed: z.number(),
  remaining: z.number(),
  pauseCode: z.string().nullable(),
  pauseReason: z.string().nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});

export const generationJobDetailSchema = generationJobSummarySchema.extend({
  imagesPerMinute: z.number().nullable(),
  etaSeconds: z.number().nullable(),
  prompts: z.array(
    z.object({
      id: z.string(),
      position: z.number(),
      prompt: z.string(),
      sku: z.string().nullable(),
      slug: z.string(),
      quantity: z.number(),
      items: z.array(
        z.object({
          id: z.string(),
          number: z.number(),
          status: z.enum(GENERATION_ITEM_STATUSES),
          attempts: z.number(),
          fileName: z.string(),
          relativePath: z.string(),
          imageId: z.string().nullable(),
          errorCode: z.string().nullable(),
          error: z.string().nullable(),
          revisedPrompt: z.string().nullable(),
        }),
      ),
    }),
  ),
});
