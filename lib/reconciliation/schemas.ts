import { z } from "zod";

export const reconcileInputSchema = z.object({
  batchId: z.uuid("Lote inválido.").optional(),
  collectionId: z.uuid("Coleção inválida.").optional(),
});
export type ReconcileInput = z.infer<typeof reconcileInputSchema>;

export const reconcileJobPayloadSchema = z.object({ runId: z.uuid() });

export const candidatesQuerySchema = z.object({
  q: z.string().trim().max(120).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(10),
});

/** A person's decision for one photo: link it to a product, or mark it "sem SKU". */
export const matchDecisionSchema = z.union([
  z.object({ productId: z.uuid("Produto inválido."), applyToSkuBase: z.boolean().default(false) }).strict(),
  z.object({ noSku: z.literal(true), applyToSkuBase: z.boolean().default(false) }).strict(),
]);
export type MatchDecision = z.infer<typeof matchDecisionSchema>;

export const reconciliationQueueQuerySchema = z.object({
  batchId: z.uuid().optional(),
  collectionId: z.uuid().optional(),
  cursor: z.string().max(80).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(100),
});
export type ReconciliationQueueQuery = z.infer<typeof reconciliationQueueQuerySchema>;
