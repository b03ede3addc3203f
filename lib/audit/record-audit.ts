import type { Prisma } from "@/lib/db/client";
import { getPrisma } from "@/lib/db/client";

type Db = Pick<ReturnType<typeof getPrisma>, "auditLog">;

/** Appends one entry to the audit log (inside the caller's transaction when one is passed). */
export async function recordAudit(
  entry: {
    userId?: string | null;
    action: string;
    entityType: string;
    entityId?: string | null;
    data?: Prisma.InputJsonValue;
    ip?: string | null;
  },
  db: Db = getPrisma(),
): Promise<void> {
  await db.auditLog.create({
    data: {
      userId: entry.userId ?? null,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId ?? null,
      data: entry.data ?? {},
      ip: entry.ip ?? null,
    },
  });
}
