import { getPrisma } from "@/lib/db/client";
import { isTransactionConflict } from "@/lib/db/is-transaction-conflict";

/**
 * Empties every application table (test files run one at a time, each from a clean slate).
 * Workers started by a file keep running between its tests, so a job of the previous test may
 * still hold row locks when TRUNCATE asks for its table locks; PostgreSQL then breaks the
 * deadlock by failing one side. When that side is the TRUNCATE, it simply runs again.
 */
export async function truncateAllTables(): Promise<void> {
  const prisma = getPrisma();
  const rows = await prisma.$queryRaw<{ tablename: string }[]>`
    SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`;
  if (rows.length === 0) return;
  const list = rows.map((r) => `"public"."${r.tablename}"`).join(", ");
  for (let attempt = 1; ; attempt += 1) {
    try {
      await prisma.$executeRawUnsafe(`TRUNCATE ${list} RESTART IDENTITY CASCADE`);
      return;
    } catch (error) {
      if (attempt >= 5 || !isTransactionConflict(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    }
  }
}
