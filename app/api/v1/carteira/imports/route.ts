// GET/POST /api/v1/carteira/imports: import history; import a carteira (201 summary, 202 when queued, 422 when refused).
import { apiHandler, parseQuery } from "@/lib/api/api-handler";
import { failedImportResponse, parseErrorResponse, readCarteiraUpload } from "@/lib/carteira/import/http";
import { listCarteiraImports } from "@/lib/carteira/import/list-carteira-imports";
import { importListQuerySchema, type ImportStarted } from "@/lib/carteira/import/schemas";
import { startCarteiraImport } from "@/lib/carteira/import/start-carteira-import";

export const runtime = "nodejs";
export const maxDuration = 300;

export const GET = apiHandler({ role: "VIEWER" }, async ({ request }) =>
  listCarteiraImports(parseQuery(request, importListQuerySchema)),
);

export const POST = apiHandler({ role: "EDITOR" }, async ({ request, user }) => {
  try {
    const upload = await readCarteiraUpload(request);
    const started = await startCarteiraImport({ ...upload, userId: user.id });
    if (started.mode === "async") {
      const answer: ImportStarted = { id: started.id, status: "PENDING" };
      return Response.json(answer, { status: 202, headers: { Location: `/api/v1/carteira/imports/${started.id}` } });
    }
    if (started.summary.status === "FAILED") return failedImportResponse(started.summary);
    return Response.json(started.summary, { status: 201 });
  } catch (error) {
    return parseErrorResponse(error);
  }
});
