import { AiCallError } from "@/lib/ai/errors";

/** A reply that is no content: the model refused, or the description came back empty (kind invalid_reply). */
export class ContentReplyError extends AiCallError {
  constructor(
    readonly reason: "refused" | "empty",
    message: string,
    durationMs?: number,
  ) {
    super("invalid_reply", message, durationMs === undefined ? {} : { durationMs });
    this.name = "ContentReplyError";
  }
}
