// GET /api/v1/generation/keys/stats: per-key image generation stats (successes, errors, last error, images, cost); never a secret.
import { apiHandler } from "@/lib/api/api-handler";
import { listGenerationKeyStats } from "@/lib/generation/generation-keys";

export const GET = apiHandler({ role: "EDITOR" }, async () => ({ keys: await listGenerationKeyStats() }));
