/**
 * Whether an error is PostgreSQL breaking a deadlock (40P01) or a serialization failure (40001),
 * as PostgreSQL or Prisma (P2034) reports them: the statement lost a race and can simply run again.
 */
export function isTransactionConflict(error: unknown): boolean {
  const text = String((error as { message?: unknown })?.message ?? error);
  return /40P01|40001|deadlock|P2034/i.test(text);
}
