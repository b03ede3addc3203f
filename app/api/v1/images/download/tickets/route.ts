// POST /api/v1/images/download/tickets {selection}: checks the caps and answers a one-use link the browser saves as a streamed download.
import { apiHandler, readJson } from "@/lib/api/api-handler";
import { createDownloadTicket } from "@/lib/images/bulk/download-ticket";
import { zipDownloadInputSchema } from "@/lib/images/bulk/schemas";

export const POST = apiHandler({ role: "VIEWER" }, async ({ request, user }) => {
  const { selection } = await readJson(request, zipDownloadInputSchema, { maxBytes: 256 * 1024 });
  return Response.json(await createDownloadTicket(user.id, selection), { status: 201 });
});
