// Point 4 (client IP half): the IP that the login rate limit counts comes from the socket; a forged
// X-Forwarded-For (or a forged copy of the server's own client-IP header) changes nothing unless
// TRUST_PROXY names the proxy hops to believe, and then exactly the right-hand entry they added is used.
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { getPrisma } from "@/lib/db/client";
import { truncateAllTables } from "../../support/db";
import { ADMIN, ensureProductionBuild, launch, stopTree, type Launched } from "./launcher-process";

const running: Launched[] = [];

beforeEach(async () => {
  ensureProductionBuild();
  await truncateAllTables();
}, 300_000);
afterAll(async () => {
  for (const app of running) if (app.child.exitCode === null) await stopTree(app, "SIGKILL");
});

/** Two wrong passwords from a client that claims to be someone else in every header it can. */
async function failLoginsWithForgedHeaders(url: string): Promise<void> {
  for (let i = 0; i < 2; i++) {
    const response = await fetch(`${url}/api/v1/auth/token`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-forwarded-for": "198.51.100.7, 203.0.113.9",
        "x-real-ip": "198.51.100.8",
        "x-vitrine-client-ip": "192.0.2.55",
      },
      body: JSON.stringify({ email: ADMIN.email, password: "senha-errada-123" }),
    });
    expect(response.status).toBe(401);
  }
}

async function rateLimitKeys(): Promise<string> {
  return (await getPrisma().rateLimit.findMany({ select: { key: true } })).map((row) => row.key).join("\n");
}

describe("client IP seen by the login rate limit", () => {
  it.each([
    { trustProxy: "0", counted: "127.0.0.1", ignored: ["198.51.100.7", "203.0.113.9", "198.51.100.8", "192.0.2.55"] },
    { trustProxy: "1", counted: "203.0.113.9", ignored: ["198.51.100.7", "127.0.0.1", "198.51.100.8", "192.0.2.55"] },
  ])("TRUST_PROXY=$trustProxy counts $counted", { timeout: 90_000 }, async ({ trustProxy, counted, ignored }) => {
    const app = await launch({
      via: "launcher",
      env: { DATABASE_URL: process.env.DATABASE_URL!, TRUST_PROXY: trustProxy, WORKERS_IN_APP: "false" },
    });
    running.push(app);
    await failLoginsWithForgedHeaders(app.url);
    const keys = await rateLimitKeys();
    expect(keys).toContain(counted);
    for (const forged of ignored) expect(keys).not.toContain(forged);
    expect((await stopTree(app, "SIGTERM")).code).toBe(0);
  });
});
