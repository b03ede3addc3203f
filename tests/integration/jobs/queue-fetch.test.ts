import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { getBoss, insertJobs, stopBoss } from "@/lib/jobs/boss";
import { ensureQueue } from "@/lib/jobs/ensure-queue";
import { PRIORITY_NEW, PRIORITY_REPROCESS, PROCESS_IMAGE_JOB, processImageJob } from "@/lib/images/process-image-job";

// pg-boss's own SQL for a fetch, so the test reads the plan of exactly what the workers run.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const plans = require("pg-boss/src/plans.js") as {
  fetchNextJob: (schema: string) => (options: { includeMetadata: boolean }) => string;
};

let client: pg.Client;

beforeAll(async () => {
  await ensureQueue(processImageJob);
  client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  await client.query("DELETE FROM pgboss.job WHERE name = $1", [PROCESS_IMAGE_JOB]);
});

afterAll(async () => {
  await client.query("DELETE FROM pgboss.job WHERE name = $1", [PROCESS_IMAGE_JOB]);
  await client.end();
  await stopBoss();
});

describe("job queue fetch", () => {
  it("takes the next job from an ordered index instead of sorting the whole backlog, new uploads first", async () => {
    await insertJobs(
      PROCESS_IMAGE_JOB,
      Array.from({ length: 2000 }, () => ({ data: { imageId: crypto.randomUUID() }, priority: PRIORITY_REPROCESS })),
    );
    const fresh = crypto.randomUUID();
    await insertJobs(PROCESS_IMAGE_JOB, [{ data: { imageId: fresh }, priority: PRIORITY_NEW }]);
    await client.query("ANALYZE pgboss.job");

    const fetchSql = plans.fetchNextJob("pgboss")({ includeMetadata: true });
    await client.query("BEGIN");
    try {
      const plan = (await client.query(`EXPLAIN ${fetchSql}`, [PROCESS_IMAGE_JOB, 1])).rows
        .map((row: Record<string, string>) => row["QUERY PLAN"])
        .join("\n");
      expect(plan).toMatch(/Index Scan using \S*name_priority_created_on_id_idx/);
      expect(plan).not.toMatch(/Sort Key: job\.priority/);
    } finally {
      await client.query("ROLLBACK");
    }

    const [first] = await (await getBoss()).fetch<{ imageId: string }>(PROCESS_IMAGE_JOB, { batchSize: 1 });
    expect(first?.data.imageId).toBe(fresh);
  });
});
