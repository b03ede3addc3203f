import "server-only";
import { failureOf } from "@/lib/ai/runs/call-failure";
import { ApiError } from "@/lib/api/errors";
import type { SessionUser } from "@/lib/auth/roles";
import { ContentReplyError } from "./content-reply-error";
import { loadOwnerSource, type ContentOwner } from "./content-owner";
import { getContentState } from "./content-state";
import { normaliseHashtag } from "./parse-content-reply";
import { produceContent } from "./produce-content";
import {
  checkFeedback,
  FEEDBACK_MAX_LENGTH,
  type ContentState,
  type EditContentInput,
  type GenerateContentInput,
} from "./schemas";
import { insertVersion, readVersionFields, withLockedOwner } from "./write-version";

const hashtagsOf = (tags: string[]) => [
  ...new Set(tags.map(normaliseHashtag).filter((tag): tag is string => tag !== null)),
];

const notFound = (owner: ContentOwner) =>
  new ApiError("NOT_FOUND", owner.kind === "image" ? "Foto não encontrada." : "Produto não encontrado.");

/**
 * POST …/content: a new version written by the model — a fresh one, or with `feedback` a rewrite
 * of the current version. A feedback over FEEDBACK_MAX_LENGTH is refused (400, never cut silently);
 * a refusal, an empty description or a provider failure is a 502 with its code and no version is
 * written (the previous one stays current); no usable key is a 503 (the local analyser writes no text).
 */
export async function generateContent(
  actor: SessionUser,
  owner: ContentOwner,
  input: GenerateContentInput,
): Promise<ContentState> {
  const checked = checkFeedback(input.feedback);
  if (!checked.ok)
    throw new ApiError(
      "CONTENT_FEEDBACK_TOO_LONG",
      `O pedido de ajuste tem no máximo ${FEEDBACK_MAX_LENGTH} caracteres.`,
      { max: FEEDBACK_MAX_LENGTH, length: input.feedback?.length ?? 0 },
    );
  const outcome = await produceContent(owner, await loadOwnerSource(owner), {
    feedback: checked.feedback,
    actorId: actor.id,
    origin: "GENERATED",
  });
  switch (outcome.kind) {
    case "ok":
    case "kept_manual":
      return getContentState(owner);
    case "no_key":
      throw new ApiError("AI_CONTENT_NO_KEYS", `Nenhuma chave de IA utilizável para conteúdo: ${outcome.reason}`);
    case "wait":
      throw new ApiError(
        "SERVICE_UNAVAILABLE",
        `As chaves de IA estão no limite de requisições: ${outcome.reason}`,
        { code: "AI_CONTENT_FAILED" },
        { "Retry-After": String(Math.max(1, Math.ceil(outcome.retryInMs / 1000))) },
      );
    case "original_missing":
      throw new ApiError("AI_CONTENT_FAILED", outcome.message, { code: "ORIGINAL_MISSING" });
    case "failed": {
      const { error } = outcome;
      if (error instanceof ContentReplyError && error.reason === "refused")
        throw new ApiError("AI_CONTENT_REFUSED", `${error.message} A versão anterior foi mantida.`);
      if (error instanceof ContentReplyError && error.reason === "empty")
        throw new ApiError("AI_CONTENT_EMPTY", `${error.message} A versão anterior foi mantida.`);
      const failure = failureOf(error);
      throw new ApiError("AI_CONTENT_FAILED", `${failure.message} A versão anterior foi mantida.`, {
        code: failure.code,
      });
    }
  }
}

/** POST …/content/versions/{v}/restore: a new version (RESTORED) with the fields of version `v`. */
export async function restoreContentVersion(
  actor: SessionUser,
  owner: ContentOwner,
  version: number,
): Promise<ContentState> {
  const written = await withLockedOwner(owner, async (tx, locked) => {
    const fields = await readVersionFields(tx, owner, version);
    if (!fields) throw new ApiError("NOT_FOUND", `Versão ${version} não encontrada.`);
    return insertVersion(tx, owner, locked.brandId, fields, {
      origin: "RESTORED",
      basedOnVersion: version,
      createdById: actor.id,
    });
  });
  if (written === null) throw notFound(owner);
  return getContentState(owner);
}

/**
 * PATCH …/content: an edit in place (titulo, descricao, hashtags, pontos_chave) is a new version
 * (EDITED) over the current one — the person's words, which a bulk run keeps unless told to
 * overwrite them, and which teach the brand's later prompts. Without a current version the edit
 * starts one (the fields not given are empty).
 */
export async function editContent(
  actor: SessionUser,
  owner: ContentOwner,
  input: EditContentInput,
): Promise<ContentState> {
  const written = await withLockedOwner(owner, async (tx, locked) => {
    const current = locked.currentVersion !== null ? await readVersionFields(tx, owner, locked.currentVersion) : null;
    const next = {
      titulo: input.titulo ?? current?.titulo ?? "",
      descricao: input.descricao ?? current?.descricao ?? "",
      hashtags: input.hashtags ? hashtagsOf(input.hashtags) : (current?.hashtags ?? []),
      pontosChave: input.pontosChave ?? current?.pontosChave ?? [],
    };
    if (current && JSON.stringify(current) === JSON.stringify(next)) return locked.currentVersion;
    return insertVersion(tx, owner, locked.brandId, next, {
      origin: "EDITED",
      basedOnVersion: locked.currentVersion,
      createdById: actor.id,
    });
  });
  if (written === null) throw notFound(owner);
  return getContentState(owner);
}
