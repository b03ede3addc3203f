import "server-only";
import { z } from "zod";
import { parseRouteId, readJson } from "@/lib/api/api-handler";
import { ApiError } from "@/lib/api/errors";
import type { SessionUser } from "@/lib/auth/roles";
import { editContent, generateContent, restoreContentVersion } from "./content-actions";
import type { ContentOwner } from "./content-owner";
import { getContentState } from "./content-state";
import { editContentInputSchema, generateContentInputSchema } from "./schemas";

/**
 * The bodies of the content routes of photos and products alike (app/api/v1/{images,products}/[id]/content/**):
 * each route wraps one in apiHandler with its role (reading: VIEWER; writing: EDITOR).
 */
type Kind = ContentOwner["kind"];
type Context = { request: Request; user: SessionUser; params: { id: string; version?: string } };

const notFoundText = (kind: Kind) => (kind === "image" ? "Foto não encontrada." : "Produto não encontrado.");
const ownerOf = (kind: Kind, raw: string | undefined): ContentOwner => ({
  kind,
  id: parseRouteId(raw, notFoundText(kind)),
});

/** Feedback bodies may be long (a 20,000-character one is answered CONTENT_FEEDBACK_TOO_LONG, not 413). */
const GENERATE_MAX_BYTES = 256 * 1024;

/** GET …/content and …/content/versions: current version, manual flag, versions newest first. */
export const contentStateRoute = (kind: Kind, { params }: Context) => getContentState(ownerOf(kind, params.id));

/** POST …/content {feedback?}: a new version from the model → 201 with the state. */
export async function generateContentRoute(kind: Kind, { request, params, user }: Context): Promise<Response> {
  const owner = ownerOf(kind, params.id);
  const input = await readJson(request, generateContentInputSchema, { maxBytes: GENERATE_MAX_BYTES });
  return Response.json(await generateContent(user, owner, input), { status: 201 });
}

/** PATCH …/content {titulo?, descricao?, hashtags?, pontosChave?}: an edit in place, a new version (EDITED). */
export async function editContentRoute(kind: Kind, { request, params, user }: Context) {
  const owner = ownerOf(kind, params.id);
  return editContent(user, owner, await readJson(request, editContentInputSchema));
}

/** POST …/content/versions/{version}/restore: a new version (RESTORED) with that version's fields → 201. */
export async function restoreContentRoute(kind: Kind, { params, user }: Context): Promise<Response> {
  const owner = ownerOf(kind, params.id);
  const version = z.coerce.number().int().positive().max(1_000_000).safeParse(params.version);
  if (!version.success) throw new ApiError("NOT_FOUND", "Versão não encontrada.");
  return Response.json(await restoreContentVersion(user, owner, version.data), { status: 201 });
}
