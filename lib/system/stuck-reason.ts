import "server-only";
import type { z } from "zod";
import type { stuckReasonSchema } from "./schemas";

export type StuckReason = z.infer<typeof stuckReasonSchema>;
