import { z } from "zod";

export const AI_KEY_CAPABILITIES = ["vision", "content", "image"] as const;

const limit = z.number().int().min(1).max(100_000_000).nullable();

export const createAiKeySchema = z.object({
  label: z.string().trim().min(1, "Informe um nome para a chave.").max(100),
  apiKey: z.string().trim().min(8, "Chave muito curta.").max(500).regex(/^\S+$/, "A chave não pode conter espaços."),
  capabilities: z.array(z.enum(AI_KEY_CAPABILITIES)).min(1).max(3).optional(),
  requestsPerMinute: limit.optional(),
  tokensPerMinute: limit.optional(),
});
export type CreateAiKeyInput = z.infer<typeof createAiKeySchema>;

export const updateAiKeySchema = z
  .object({
    label: z.string().trim().min(1).max(100).optional(),
    status: z.enum(["ACTIVE", "DISABLED"]).optional(),
    capabilities: z.array(z.enum(AI_KEY_CAPABILITIES)).min(1).max(3).optional(),
    requestsPerMinute: limit.optional(),
    tokensPerMinute: limit.optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), "Nada para alterar.");
export type UpdateAiKeyInput = z.infer<typeof updateAiKeySchema>;

/** A key as the API and the settings page see it: masked, never the secret. */
export type AiKeyView = {
  id: string;
  label: string;
  source: "db" | "env";
  maskedKey: string;
  capabilities: string[];
  status: "ACTIVE" | "DISABLED" | "INVALID";
  invalidReason: string | null;
  cooldownUntil: string | null;
  /** An environment key this server's environment no longer has (ignored by the pool here). */
  available: boolean;
  requestsPerMinute: number | null;
  tokensPerMinute: number | null;
  successCount: number;
  errorCount: number;
  errorsByKind: Record<string, number>;
  lastError: string | null;
  lastErrorAt: string | null;
  lastUsedAt: string | null;
  tokensIn: number;
  tokensOut: number;
  costUsd: number;
  createdAt: string;
};
