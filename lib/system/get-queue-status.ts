import "server-only";
import { findStuckBatches } from "./find-stuck-batches";
import { findStuckJobs } from "./find-stuck-jobs";
import { queueCounts, queueTotals } from "./queue-counts";
import type { QueueStatus } from "./schemas";
import { STUCK_WAIT_SECONDS } from "./stuck-detection";

const ageSince = (date: Date | null, now: Date) =>
  date ? Math.max(0, Math.round((now.getTime() - date.getTime()) / 1000)) : null;

/** GET /api/v1/admin/queue/status: per queue counts, stuck jobs with their age, stuck batches, recommendations (pt-BR). */
export async function getQueueStatus(options: { limit: number }, now = new Date()): Promise<QueueStatus> {
  const [counts, stuck, stuckBatches] = await Promise.all([
    queueCounts(),
    findStuckJobs(options.limit, now),
    findStuckBatches(options.limit, now),
  ]);
  const facts = new Map(stuck.queues.map((q) => [q.name, q]));
  const queues = counts.map((q) => {
    const f = facts.get(q.name);
    const oldestStuck = stuck.jobs.find((job) => job.queue === q.name);
    return {
      name: q.name,
      pending: q.pending,
      active: q.active,
      retrying: q.retrying,
      failed: q.failed,
      stuck: f?.stuck ?? 0,
      expire_in_seconds: f?.expireInSeconds ?? null,
      oldest_pending_age_seconds: ageSince(f?.oldestReadyAt ?? null, now),
      oldest_stuck_age_seconds: oldestStuck?.age_seconds ?? null,
      is_stalled: f?.isStalled ?? false,
    };
  });
  const totalStuck = queues.reduce((total, q) => total + q.stuck, 0);
  const recommendations: string[] = [];
  for (const q of queues) {
    if (q.is_stalled)
      recommendations.push(
        `Fila ${q.name}: jobs esperando sem nenhum worker ativo; verifique se os workers estão rodando.`,
      );
    const expired = facts.get(q.name)?.expiredIds.length ?? 0;
    if (expired > 0)
      recommendations.push(`Fila ${q.name}: ${expired} job(s) ativos além do prazo; "Limpar fila" os devolve à fila.`);
  }
  if (stuckBatches.length > 0)
    recommendations.push(
      `${stuckBatches.length} lote(s) parados; "Reiniciar lote" os devolve a um estado consistente.`,
    );
  if (recommendations.length === 0) recommendations.push("A fila está funcionando normalmente.");
  return {
    queue_stats: queueTotals(counts),
    queues,
    total_stuck: totalStuck,
    stuck_jobs: stuck.jobs,
    stuck_batches: stuckBatches,
    stuck_after_seconds: STUCK_WAIT_SECONDS,
    recommendations,
    generated_at: now.toISOString(),
  };
}
