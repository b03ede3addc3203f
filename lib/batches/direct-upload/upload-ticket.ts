import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { ApiError } from "@/lib/api/errors";

/**
 * What our server promised a direct upload when it issued the token: the batch, the upload id, the
 * pathname (ours), the sanitised name and folder, and the declared size, type and sha256. It
 * travels signed (HMAC-SHA256 keyed by the store's read-write token, which only the server holds)
 * as the client token's callback payload and back from the browser's confirm, so both completions
 * trust exactly what was checked before the token was given, with no row kept in between.
 */
const ticketSchema = z.object({
  batchId: z.uuid(),
  uploadId: z.string(),
  pathname: z.string(),
  name: z.string(),
  relativePath: z.string().nullable(),
  size: z.number().int(),
  contentType: z.string(),
  sha256: z.string(),
  /** ms since the epoch; a ticket is good for as long as its client token (and a margin for a late callback). */
  expiresAt: z.number().int(),
});
export type UploadTicket = z.infer<typeof ticketSchema>;

const DOMAIN = "vitrine.direct-upload.v1";

function sign(payload: string, secret: string): string {
  return createHmac("sha256", secret).update(`${DOMAIN}.${payload}`).digest("base64url");
}

export function signUploadTicket(ticket: UploadTicket, secret: string): string {
  const payload = Buffer.from(JSON.stringify(ticket)).toString("base64url");
  return `${payload}.${sign(payload, secret)}`;
}

const invalidTicket = () =>
  new ApiError("BAD_REQUEST", "Comprovante de envio direto inválido ou vencido; envie o arquivo novamente.", {
    code: "DIRECT_UPLOAD_TICKET_INVALID",
  });

/** The ticket's contents when its signature holds and it has not expired; DIRECT_UPLOAD_TICKET_INVALID otherwise. */
export function verifyUploadTicket(signed: string, secret: string, now = Date.now()): UploadTicket {
  const [payload = "", signature = ""] = signed.split(".");
  const expected = Buffer.from(sign(payload, secret));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalidTicket();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
  } catch {
    throw invalidTicket();
  }
  const ticket = ticketSchema.safeParse(parsed);
  if (!ticket.success || ticket.data.expiresAt < now) throw invalidTicket();
  return ticket.data;
}
