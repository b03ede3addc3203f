import "server-only";
import { ApiError } from "@/lib/api/errors";
import { getPrisma } from "@/lib/db/client";
import type { BulkSelection } from "./schemas";
import { zipEntriesByIds, zipEntriesOf, zipResponse, type ZipCaps } from "./download-zip";

/** How long a download link stays valid: enough for the browser to follow it at once, no more. */
export const DOWNLOAD_TICKET_TTL_MS = 5 * 60 * 1000;

/**
 * POST /api/v1/images/download/tickets: resolves the selection and checks the caps now (so a
 * refusal is a JSON answer the page can show), and keeps the photo ids behind a one-use link the
 * browser follows as a plain download: the archive streams to disk instead of into the page's
 * memory. The user's expired tickets are cleared on the way, so the table never grows.
 */
export async function createDownloadTicket(
  userId: string,
  selection: BulkSelection,
  caps?: ZipCaps,
): Promise<{ id: string; url: string; files: number; expiresAt: string }> {
  const entries = await zipEntriesOf(selection, caps);
  const db = getPrisma();
  const now = new Date();
  await db.downloadTicket.deleteMany({ where: { userId, expiresAt: { lt: now } } });
  const ticket = await db.downloadTicket.create({
    data: {
      userId,
      imageIds: entries.map((e) => e.id),
      expiresAt: new Date(now.getTime() + DOWNLOAD_TICKET_TTL_MS),
    },
  });
  return {
    id: ticket.id,
    url: `/api/v1/images/download/${ticket.id}`,
    files: entries.length,
    expiresAt: ticket.expiresAt.toISOString(),
  };
}

/**
 * GET /api/v1/images/download/{ticketId}: claims the ticket (one conditional UPDATE: its owner,
 * unused, not expired — a second use or another user's link is a 404) and streams the ZIP.
 */
export async function downloadByTicket(userId: string, ticketId: string, signal: AbortSignal): Promise<Response> {
  const claimed = await getPrisma().downloadTicket.updateManyAndReturn({
    where: { id: ticketId, userId, usedAt: null, expiresAt: { gt: new Date() } },
    data: { usedAt: new Date() },
    select: { imageIds: true },
  });
  const ticket = claimed[0];
  if (!ticket)
    throw new ApiError("NOT_FOUND", "Link de download inválido, já usado ou expirado.", {
      code: "DOWNLOAD_TICKET_INVALID",
    });
  return zipResponse(await zipEntriesByIds(ticket.imageIds), signal);
}
