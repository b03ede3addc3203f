import "server-only";
import { z } from "zod";
import { apiHandler, parseRouteId, readJson } from "@/lib/api/api-handler";
import { ApiError } from "@/lib/api/errors";
import { editContent, generateContent, restoreContentVersion } from "./content-actions";
import type { ContentOwner } from "./content-owner";
import { getContentState } from "./content-state";
import { editContentInputSchema, generateContentInputSchema } from "./schemas";

type Kind = ContentOwner["kind"];
const notFoundText = (kind: Kind) => (kind === "image" ? "Foto não encontrada." : "Produto não encontrado.");
const ownerOf = (kind: Kind, raw: string | undefined): ContentOwner => ({
  kind,
  id: parseRouteId(raw, notFoundText(kind)),
});

/** Feedback bodies may be long (a 20,000-character one is answered CONTENT_FEEDBACK_TOO_LONG, not 413). */
const GENERATE_MAX_BYTES = 256 * 1024;

/**
 * The content API of photos and products alike (routes under app/api/v1/{images,products}/[id]/content):
 * reading for every role, generating, editing and restoring for EDITOR.
 */
export function contentHandlers(kind: Kind) {
  return {
    /** GET …/content/versions (and GET …/content): current version, manual flag, versions newest first. */
    state: apiHandler<{ id: string }>({ role: "VIEWER" }, async ({ params }) =>
      getContentState(ownerOf(kind, params.id)),
    ),
    /** POST …/content {feedback?}: a new version from the model → 201 with the state. */
    generate: apiHandler<{ id: string }>({ role: "EDITOR" }, async ({ request, params, user }) => {
      const owner = ownerOf(kind, params.id);
      const input = await readJson(request, generateContentInputSchema, { maxBytes: GENERATE_MAX_BYTES });
      return Response.json(await generateContent(user, owner, input), { status: 201 });
    }),
    /** PATCH …/content {titulo?, descricao?, hashtags?, pontosChave?}: an edit in place, a new version (EDITED). */
    edit: apiHandler<{ id: string }>({ role: "EDITOR" }, async ({ request, params, user }) => {
      const owner = ownerOf(kind, params.id);
      const input = await readJson(request, editContentInputSchema);
      return editContent(user, owner, input);
    }),
    /** POST …/content/versions/{version}/restore: a new version (RESTORED) with that version's fields. */
    restore: apiHandler<{ id: string; version: string }>({ role: "EDITOR" }, async ({ params, user }) => {
      const owner = ownerOf(kind, params.id);
      const version = z.coerce.number().int().positive().max(1_000_000).safeParse(params.version);
      if (!version.success) throw new ApiError("NOT_FOUND", "Versão não encontrada.");
      return Response.json(await restoreContentVersion(user, owner, version.data), { status: 201 });
    }),
  };
}
