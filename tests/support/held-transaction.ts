// Another process in the middle of its write, for integration tests of what waits for what.
import { createPrismaClient, type Prisma } from "@/lib/db/client";

export type HeldTransaction = {
  /** Commits the held transaction and closes its connection; later calls return the same promise. */
  commit: () => Promise<void>;
};

/**
 * Runs `statements` in a transaction on a connection of its own and keeps it open, uncommitted,
 * until `commit()`. Resolves once the statements ran, so the code under test then meets their
 * locks and their snapshot as another process's would be.
 */
export async function holdTransaction(
  statements: (tx: Prisma.TransactionClient) => Promise<unknown>,
  timeoutMs = 60_000,
): Promise<HeldTransaction> {
  const client = createPrismaClient(process.env.DATABASE_URL!, 1);
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let ran!: () => void;
  let failed!: (error: unknown) => void;
  const statementsRan = new Promise<void>((resolve, reject) => ((ran = resolve), (failed = reject)));
  const transaction = client.$transaction(
    async (tx) => {
      await statements(tx);
      ran();
      await released;
    },
    { timeout: timeoutMs },
  );
  transaction.catch(failed);
  let committed: Promise<void> | null = null;
  const commit = () =>
    (committed ??= (async () => {
      release();
      try {
        await transaction;
      } finally {
        await client.$disconnect();
      }
    })());
  try {
    await statementsRan;
  } catch (error) {
    await commit().catch(() => undefined);
    throw error;
  }
  return { commit };
}
