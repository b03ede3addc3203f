import { beforeEach, describe, expect, it } from "vitest";
import { consumeApiRateLimit } from "@/lib/api/rate-limit";
import { getPrisma } from "@/lib/db/client";
import { apiTokenFor } from "../../support/api-client";
import { truncateAllTables } from "../../support/db";

// A small per-token quota for this file only (getEnv reads it on the first request).
process.env.API_RATE_LIMIT_TOKEN_PER_HOUR = "3";
const { GET: me } = await import("@/app/api/v1/me/route");

const call = (headers: Record<string, string>) =>
  me(new Request("http://localhost:3000/api/v1/me", { headers }), { params: Promise.resolve({}) });

beforeEach(async () => {
  await truncateAllTables();
});

describe("API rate limit per token", () => {
  it("answers 429 RATE_LIMITED with Retry-After once a token passes its quota; another token is not affected", async () => {
    const first = await apiTokenFor("VIEWER");
    const other = await apiTokenFor("VIEWER");
    const remaining: string[] = [];
    for (let i = 0; i < 3; i++) {
      const ok = await call(first.headers);
      expect(ok.status).toBe(200);
      expect(ok.headers.get("x-ratelimit-limit")).toBe("3");
      remaining.push(ok.headers.get("x-ratelimit-remaining")!);
    }
    expect(remaining).toEqual(["2", "1", "0"]);

    const limited = await call(first.headers);
    expect(limited.status).toBe(429);
    expect(await limited.json()).toMatchObject({ error: "RATE_LIMITED" });
    const retryAfter = Number(limited.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(3000);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    expect(limited.headers.get("x-ratelimit-remaining")).toBe("0");

    expect((await call(other.headers)).status).toBe(200);
    // Shared through PostgreSQL (every instance sees it), never the raw token.
    const keys = (await getPrisma().rateLimit.findMany()).map((r) => r.key);
    expect(keys.some((k) => k.startsWith("api_token:"))).toBe(true);
    expect(keys.join(" ")).not.toContain(first.token);
  });

  it("starts a new window once the old one expired", async () => {
    const { headers } = await apiTokenFor("VIEWER");
    for (let i = 0; i < 4; i++) await call(headers);
    expect((await call(headers)).status).toBe(429);
    await getPrisma().$executeRaw`UPDATE "RateLimit" SET "expire" = (now() AT TIME ZONE 'UTC') - interval '1 second'`;
    const again = await call(headers);
    expect(again.status).toBe(200);
    expect(again.headers.get("x-ratelimit-remaining")).toBe("2");
  });
});

describe("API rate limit per IP", () => {
  it("limits one IP whatever the credentials, leaves the other IPs alone, and counts in one statement", async () => {
    const limits = { tokenPerHour: 100, ipPerMinute: 2 };
    await consumeApiRateLimit({ ip: "203.0.113.9" }, limits);
    await consumeApiRateLimit({ ip: "203.0.113.9", tokenHash: "a".repeat(64) }, limits);
    const error = await consumeApiRateLimit({ ip: "203.0.113.9", tokenHash: "b".repeat(64) }, limits).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: "RATE_LIMITED", status: 429 });
    const retryAfter = Number((error as { headers: Record<string, string> }).headers["Retry-After"]);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    await expect(consumeApiRateLimit({ ip: "198.51.100.7" }, limits)).resolves.toMatchObject({
      limit: 2,
      remaining: 1,
    });
  });

  it("does nothing (no query) when both limits are off", async () => {
    await expect(
      consumeApiRateLimit({ ip: "203.0.113.9", tokenHash: "a".repeat(64) }, { tokenPerHour: 0, ipPerMinute: 0 }),
    ).resolves.toBeNull();
    expect(await getPrisma().rateLimit.count()).toBe(0);
  });
});
