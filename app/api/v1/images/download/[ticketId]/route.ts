// GET /api/v1/images/download/{ticketId}: the ticket's ZIP, streamed (its owner, once, within minutes).
import { apiHandler, parseRouteId } from "@/lib/api/api-handler";
import { downloadByTicket } from "@/lib/images/bulk/download-ticket";

export const GET = apiHandler<{ ticketId: string }>({ role: "VIEWER" }, async ({ request, user, params }) => {
  const ticketId = parseRouteId(params.ticketId, "Link de download inválido, já usado ou expirado.");
  return downloadByTicket(user.id, ticketId, request.signal);
});
