// Every SSRF case of issue #15 through a URL batch run by the real workers. Only loopback is ever
// targeted: the allow-listed source server on 127.0.0.1:<its port>, and canary listeners (connection
// counters) on loopback addresses/ports that are not allow-listed — each must see 0 connections.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBatch } from "@/lib/batches/batch-control";
import { getEnv } from "@/lib/config/env";
import { getPrisma } from "@/lib/db/client";
import { stopBoss } from "@/lib/jobs/boss";
import { startWorkers } from "@/lib/jobs/start-workers";
import { workerJobs } from "@/lib/server/worker-jobs";
import { apiTokenFor } from "../../support/api-client";
import { startCanaryServer, type CanaryServer } from "../../support/canary-server";
import { truncateAllTables } from "../../support/db";
import { createTestUrlBatch } from "../../support/url-batches";
import { startUrlSourceServer, type UrlSourceServer } from "../../support/url-source-server";
import { waitForBatch } from "../../support/wait";

let auth: Awaited<ReturnType<typeof apiTokenFor>>;
let source: UrlSourceServer;
let canary: CanaryServer;
let canary6: CanaryServer;
let canary80: CanaryServer | null = null;

beforeAll(async () => {
  await truncateAllTables();
  auth = await apiTokenFor("EDITOR");
  source = await startUrlSourceServer();
  canary = await startCanaryServer("127.0.0.1");
  canary6 = await startCanaryServer("::1");
  // `http://[::1]/` means port 80: listen there too when the test may (root in CI), to prove it is never reached.
  canary80 = await startCanaryServer("::1", 80).catch(() => null);
  Object.assign(getEnv(), { URL_FETCH_ALLOW_HOSTS: `127.0.0.1:${source.port}` });
  await startWorkers(workerJobs);
});

afterAll(async () => {
  await stopBoss();
  await source.close();
  await canary.close();
  await canary6.close();
  await canary80?.close();
});

const connections = () => canary.connections() + canary6.connections() + (canary80?.connections() ?? 0);

describe("URL batch SSRF guard", () => {
  it("refuses every private target, written in any form, and never connects to it", async () => {
    const port = canary.port;
    const cases: [string, string, string][] = [
      [`http://127.0.0.1:${port}/foto.jpg`, "BLOCKED_ADDRESS", "URL_ADDRESS_BLOCKED"], // allow-listed host, other port
      ["http://[::1]/foto.jpg", "BLOCKED_ADDRESS", "URL_ADDRESS_BLOCKED"],
      [`http://[::1]:${canary6.port}/foto.jpg`, "BLOCKED_ADDRESS", "URL_ADDRESS_BLOCKED"],
      [`http://0177.0.0.1:${port}/foto.jpg`, "BLOCKED_ADDRESS", "URL_ADDRESS_BLOCKED"], // octal 127.0.0.1
      [`http://2130706433:${port}/foto.jpg`, "BLOCKED_ADDRESS", "URL_ADDRESS_BLOCKED"], // 127.0.0.1 as one number
      [`http://0x7f.1:${port}/foto.jpg`, "BLOCKED_ADDRESS", "URL_ADDRESS_BLOCKED"],
      [`http://[::ffff:127.0.0.1]:${port}/foto.jpg`, "BLOCKED_ADDRESS", "URL_ADDRESS_BLOCKED"], // IPv4-mapped IPv6
      // A name that resolves to loopback (/etc/hosts: nothing leaves the machine to resolve it).
      [`http://localhost:${port}/foto.jpg`, "BLOCKED_ADDRESS", "URL_ADDRESS_BLOCKED"],
      // The allowed server redirects to a loopback port that is not allowed: the hop is checked again.
      [
        `${source.origin}/redirect?to=${encodeURIComponent(`http://127.0.0.1:${port}/foto.jpg`)}`,
        "BLOCKED_ADDRESS",
        "URL_ADDRESS_BLOCKED",
      ],
      [
        `${source.origin}/redirect?to=${encodeURIComponent(`http://localhost:${port}/x`)}`,
        "BLOCKED_ADDRESS",
        "URL_ADDRESS_BLOCKED",
      ],
      [`${source.origin}/redirect?to=${encodeURIComponent("file:///etc/passwd")}`, "INVALID_URL", "URL_SCHEME_REFUSED"],
      ["file:///etc/passwd", "INVALID_URL", "URL_SCHEME_REFUSED"],
      [`ftp://127.0.0.1:${port}/foto.jpg`, "INVALID_URL", "URL_SCHEME_REFUSED"],
      ["javascript:alert(1)", "INVALID_URL", "URL_SCHEME_REFUSED"],
      ["data:image/jpeg;base64,/9j/4AAQ", "INVALID_URL", "URL_SCHEME_REFUSED"],
      [`http://user:senha@127.0.0.1:${source.port}/p/1/x.jpg`, "INVALID_URL", "URL_CREDENTIALS_REFUSED"],
    ];
    const batch = await createTestUrlBatch({ urls: [...cases.map(([url]) => url), `${source.origin}/p/11/ok.jpg`] });
    await startBatch(auth.user, batch.id);
    expect((await waitForBatch(batch.id, ["COMPLETED", "COMPLETED_WITH_ERRORS"])).status).toBe("COMPLETED_WITH_ERRORS");
    const rows = await getPrisma().batchUrl.findMany({ where: { batchId: batch.id }, orderBy: { lineNumber: "asc" } });
    expect(rows.map((r) => [r.url, r.errorCategory, r.errorCode])).toEqual([
      ...cases,
      [`${source.origin}/p/11/ok.jpg`, null, null],
    ]);
    expect(rows.at(-1)!.status).toBe("STORED");
    expect(connections()).toBe(0);
    // The redirecting server was asked (it is allowed); its targets never were.
    expect(source.requests(`/redirect?to=${encodeURIComponent(`http://127.0.0.1:${port}/foto.jpg`)}`)).toBe(1);
  });
});
