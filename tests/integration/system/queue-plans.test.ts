import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getPrisma, Prisma } from "@/lib/db/client";
import { PROCESS_IMAGE_JOB, processImageJob } from "@/lib/images/process-image-job";
import { stopBoss } from "@/lib/jobs/boss";
import { ensureQueue } from "@/lib/jobs/ensure-queue";
import { queueCountsSql } from "@/lib/system/queue-counts";
import { throughputSql } from "@/lib/system/get-queue-throughput";
import { seriesStart } from "@/lib/system/throughput-series";
import { clearJobs, holdOffSupervisor, releaseSupervisor } from "./queue-fixtures";

// 12 h of finished photo jobs (what pg-boss keeps before archiving) and a small backlog: the admin
// queries must read index ranges of the queue's partition, not walk every finished job.
const FINISHED = 50_000;
let partition = "";

beforeAll(async () => {
  await ensureQueue(processImageJob);
  await holdOffSupervisor();
  await clearJobs(PROCESS_IMAGE_JOB);
  const prisma = getPrisma();
  partition = (
    await prisma.$queryRaw<
      { p: string }[]
    >`SELECT partition_name AS p FROM pgboss.queue WHERE name = ${PROCESS_IMAGE_JOB}`
  )[0]!.p;
  await prisma.$executeRaw`
    INSERT INTO pgboss.job ("name", "data", "state", "started_on", "completed_on")
    SELECT ${PROCESS_IMAGE_JOB}, jsonb_build_object('n', g), 'completed', t - interval '1 second', t
    FROM generate_series(1, ${FINISHED}) g, LATERAL (SELECT now() - (g * interval '12 hours' / ${FINISHED}) AS t) x`;
  await prisma.$executeRaw`
    INSERT INTO pgboss.job ("name", "data") SELECT ${PROCESS_IMAGE_JOB}, jsonb_build_object('w', g) FROM generate_series(1, 200) g`;
  await prisma.$executeRawUnsafe("ANALYZE pgboss.job");
});

afterAll(async () => {
  await clearJobs(PROCESS_IMAGE_JOB);
  await releaseSupervisor();
  await stopBoss();
});

async function plan(sql: Prisma.Sql): Promise<string> {
  const rows = await getPrisma().$queryRaw<Record<string, string>[]>(Prisma.sql`EXPLAIN (ANALYZE, BUFFERS) ${sql}`);
  return rows.map((row) => row["QUERY PLAN"]).join("\n");
}

describe("admin queue queries", () => {
  it.each([
    ["queue counts", () => queueCountsSql()],
    ["last hour's throughput", () => throughputSql(seriesStart(new Date(), 60))],
  ])("%s read ranges of vitrine_job_state_completed in the queue's partition", async (_name, sql) => {
    const text = await plan(sql());
    // The partition's copy of the index (PostgreSQL cuts the name to 63 characters).
    expect(text).toMatch(
      /(Index Scan using|Index Only Scan using|Bitmap Index Scan on) j[0-9a-f]+_name_state_completed_on_idx/,
    );
    expect(text).not.toContain(`Seq Scan on ${partition}`);
    // The figure for the README (not asserted: timings vary with the machine).
    console.info(`${_name}: ${/Execution Time: ([\d.]+ ms)/.exec(text)?.[1]} with ${FINISHED} finished jobs`);
  });
});
