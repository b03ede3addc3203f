import "server-only";
import { getPrisma } from "@/lib/db/client";

const RECENT_BATCHES = 100;

/** Options for the Conciliação filters: recent batches and every collection. */
export async function listQueueFilterOptions() {
  const prisma = getPrisma();
  const [batches, collections] = await Promise.all([
    // Soft-deleted batches are hidden everywhere but the Lotes list's "mostrar excluídos".
    prisma.batch.findMany({
      where: { deletedAt: null },
      orderBy: { createdAt: "desc" },
      take: RECENT_BATCHES,
      select: { id: true, name: true },
    }),
    prisma.collection.findMany({
      orderBy: [{ brand: { name: "asc" } }, { name: "asc" }],
      select: { id: true, name: true, brand: { select: { name: true } } },
    }),
  ]);
  return { batches, collections: collections.map((c) => ({ id: c.id, name: `${c.brand.name} · ${c.name}` })) };
}
