import { Prisma } from "@/lib/db/client";
import { ALLOWED_TRANSITIONS, IMAGE_STATUSES } from "../workflow";
import type { ImageStatus } from "@/lib/generated/prisma/enums";
import type { BulkActionName } from "./schemas";

/** What an action stores to be re-run by its job: the target status, or the resolved product. */
export type BulkActionParams =
  | { action: "setStatus"; status: ImageStatus }
  | { action: "markAiPending" }
  | { action: "linkSku"; productId: string; sku: string }
  | { action: "unlinkSku" };

/**
 * One bulk action as SQL over the image alias `i`: which photos it would change (`eligible`: the
 * workflow rule or "not already so", checked in the UPDATE's WHERE so a re-run is a no-op), what it
 * writes, and the audit row of each changed photo, built from the UPDATE's RETURNING `old.*` values
 * (the alias `u`).
 */
export type BulkOperation = {
  action: BulkActionName;
  eligible: Prisma.Sql;
  set: Prisma.Sql;
  auditAction: string;
  auditData: (bulkActionId: string | null) => Prisma.Sql;
};

/** Statuses from which the workflow allows a move to `to` (lib/images/workflow.ts), as a set. */
export function statusesAllowedInto(to: ImageStatus): ImageStatus[] {
  return IMAGE_STATUSES.filter((from) => ALLOWED_TRANSITIONS[from].includes(to));
}

function statusOperation(action: BulkActionName, to: ImageStatus): BulkOperation {
  const from = statusesAllowedInto(to);
  return {
    action,
    // No status may move into `to`: nothing is eligible (never happens with today's table).
    eligible:
      from.length > 0
        ? Prisma.sql`i."status" IN (${Prisma.join(from.map((s) => Prisma.sql`${s}::"ImageStatus"`))})`
        : Prisma.sql`FALSE`,
    set: Prisma.sql`"status" = ${to}::"ImageStatus"`,
    auditAction: "IMAGE_STATUS_CHANGED",
    auditData: (runId) =>
      Prisma.sql`jsonb_build_object('from', u."fromStatus", 'to', ${to}::text, 'bulkActionId', ${runId}::text)`,
  };
}

function matchAuditData(to: Prisma.Sql, runId: string | null): Prisma.Sql {
  return Prisma.sql`jsonb_build_object(
    'from', jsonb_build_object('matchStatus', u."fromMatchStatus", 'productId', u."fromProductId"),
    'to', ${to}, 'bulkActionId', ${runId}::text)`;
}

export function bulkOperation(params: BulkActionParams, actorId: string | null): BulkOperation {
  switch (params.action) {
    case "setStatus":
      return statusOperation("setStatus", params.status);
    case "markAiPending":
      return statusOperation("markAiPending", "PENDENTE_ANALISE_IA");
    case "linkSku":
      // A person's link, like a Conciliação decision (MANUAL: automatic matching never overrides it).
      return {
        action: "linkSku",
        eligible: Prisma.sql`i."productId" IS DISTINCT FROM ${params.productId}::uuid`,
        set: Prisma.sql`"productId" = ${params.productId}::uuid, "matchStatus" = 'MANUAL', "matchScore" = NULL,
          "matchDecidedById" = ${actorId}::uuid, "matchDecidedAt" = now()`,
        auditAction: "IMAGE_MATCH_DECIDED",
        auditData: (runId) =>
          matchAuditData(
            Prisma.sql`jsonb_build_object('matchStatus', 'MANUAL', 'productId', ${params.productId}::text, 'sku', ${params.sku}::text)`,
            runId,
          ),
      };
    case "unlinkSku":
      // Unlinked photos go back to the Conciliação queue (UNMATCHED) for a new decision.
      return {
        action: "unlinkSku",
        eligible: Prisma.sql`i."productId" IS NOT NULL`,
        set: Prisma.sql`"productId" = NULL, "matchStatus" = 'UNMATCHED', "matchScore" = NULL,
          "matchDecidedById" = ${actorId}::uuid, "matchDecidedAt" = now()`,
        auditAction: "IMAGE_MATCH_DECIDED",
        auditData: (runId) =>
          matchAuditData(
            Prisma.sql`jsonb_build_object('matchStatus', 'UNMATCHED', 'productId', NULL, 'sku', NULL)`,
            runId,
          ),
      };
  }
}
