import { encode } from "next-auth/jwt";
import { beforeEach, describe, expect, it } from "vitest";
import { POST as issueToken } from "@/app/api/v1/auth/token/route";
import { GET as listBatches, POST as createBatch } from "@/app/api/v1/batches/route";
import { POST as createBrand } from "@/app/api/v1/brands/route";
import { GET as listImages } from "@/app/api/v1/images/route";
import { GET as me } from "@/app/api/v1/me/route";
import { GET as listProducts, POST as createProduct } from "@/app/api/v1/products/route";
import { GET as skusWithoutPhotoCsv } from "@/app/api/v1/reports/skus-sem-foto.csv/route";
import { resetLoginLimiters } from "@/lib/auth/login-rate-limit";
import { getPrisma } from "@/lib/db/client";
import { apiTokenFor } from "../../support/api-client";
import { truncateAllTables } from "../../support/db";
import { createTestUser } from "../../support/users";

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
const BASE = "http://localhost:3000/api/v1";
const call = (handler: Handler, path: string, init: RequestInit = {}) =>
  handler(new Request(`${BASE}${path}`, init), { params: Promise.resolve({}) });
const postJson = (handler: Handler, path: string, body: unknown, headers: Record<string, string>) =>
  call(handler, path, {
    method: "POST",
    body: JSON.stringify(body),
    headers: { "content-type": "application/json", ...headers },
  });

async function sessionCookie(userId: string): Promise<string> {
  const token = await encode({ token: { sub: userId, signedInAt: Date.now() }, secret: process.env.NEXTAUTH_SECRET! });
  return `next-auth.session-token=${token}`;
}

beforeEach(async () => {
  await truncateAllTables();
  resetLoginLimiters();
});

describe("Origin check on cookie-authenticated mutations (issue 10, point 2)", () => {
  it("refuses a foreign Origin even when X-Forwarded-Host and Host claim it, and creates nothing", async () => {
    const editor = await createTestUser("EDITOR");
    const cookie = await sessionCookie(editor.id);
    const spoofed = await postJson(
      createBrand,
      "/brands",
      { name: "Marca Evil" },
      { cookie, origin: "http://evil.example", "x-forwarded-host": "evil.example", host: "evil.example" },
    );
    expect(spoofed.status).toBe(403);
    expect(await spoofed.json()).toMatchObject({ error: "CSRF_REJECTED" });
    expect(await getPrisma().brand.count()).toBe(0);

    const ours = await postJson(
      createBrand,
      "/brands",
      { name: "Marca Boa" },
      { cookie, origin: "http://localhost:3000" },
    );
    expect(ours.status).toBe(201);
  });
});

describe("Malformed cookies (point 3)", () => {
  it("answers GET /me normally next to a cookie that is not valid percent-encoding", async () => {
    const user = await createTestUser("VIEWER");
    const response = await call(me, "/me", {
      headers: { cookie: `_ga=100%; ${await sessionCookie(user.id)}; bad=%E0%A4%A` },
    });
    expect(response.status).toBe(200);
    expect((await response.json()).user.email).toBe(user.email);
  });
});

describe("NUL in string input (point 8)", () => {
  it("answers 400 VALIDATION_FAILED for NUL in a query parameter on products, images, batches and the coverage CSV", async () => {
    const { headers } = await apiTokenFor("EDITOR");
    for (const [handler, path] of [
      [listProducts, "/products?q=%00"],
      [listProducts, "/products?sku=a%00b"],
      [listImages, "/images?sku=%00"],
      [listBatches, "/batches?cursor=%00"],
      [skusWithoutPhotoCsv, "/reports/skus-sem-foto.csv?q=%00"],
      [skusWithoutPhotoCsv, "/reports/skus-sem-foto.csv?categoria=x%00"],
    ] as const) {
      const response = await call(handler, path, { headers });
      expect(response.status, path).toBe(400);
      expect((await response.json()).error, path).toBe("VALIDATION_FAILED");
    }
  });

  it("answers 400 VALIDATION_FAILED for NUL in a JSON string on products, brands, batches and the token route, writing nothing", async () => {
    const { headers } = await apiTokenFor("EDITOR");
    for (const [handler, path, body] of [
      [createProduct, "/products", { sku: "SKU\u00001" }],
      [createProduct, "/products", { sku: "SKU-1", cor: "azul\u0000" }],
      [createBrand, "/brands", { name: "Marca\u0000" }],
      [createBatch, "/batches", { name: "Lote\u0000" }],
      [issueToken, "/auth/token", { email: "a\u0000@b.c", password: "x" }],
    ] as const) {
      const response = await postJson(handler, path, body, headers);
      expect(response.status, path).toBe(400);
      const json = await response.json();
      expect(json.error, path).toBe("VALIDATION_FAILED");
    }
    expect(await getPrisma().product.count()).toBe(0);
    expect(await getPrisma().brand.count()).toBe(0);
    expect(await getPrisma().batch.count()).toBe(0);
  });
});

describe("Bounded JSON bodies (point 10)", () => {
  const big = (bytes: number) => JSON.stringify({ email: "a@b.c", password: "x", name: "y".repeat(bytes) });

  it("refuses a body above 1 MiB on the unauthenticated token route with 413, before any credential work", async () => {
    const user = await createTestUser("VIEWER");
    const declared = await call(issueToken, "/auth/token", {
      method: "POST",
      body: big(2 * 1024 * 1024),
      headers: { "content-type": "application/json" },
    });
    expect(declared.status).toBe(413);
    expect((await declared.json()).error).toBe("PAYLOAD_TOO_LARGE");

    // Streamed without Content-Length (chunked): counted while reading, cut at the limit.
    const chunk = new TextEncoder().encode(" ".repeat(64 * 1024));
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += chunk.byteLength;
        if (sent > 200 * 1024 * 1024) controller.close();
        else controller.enqueue(chunk);
      },
    });
    const streamed = await call(issueToken, "/auth/token", {
      method: "POST",
      body,
      duplex: "half",
      headers: { "content-type": "application/json" },
    } as RequestInit);
    expect(streamed.status).toBe(413);
    expect(sent).toBeLessThan(4 * 1024 * 1024);
    expect(await getPrisma().apiToken.count()).toBe(0);

    // A normal body still signs in.
    const ok = await postJson(issueToken, "/auth/token", { email: user.email, password: user.password }, {});
    expect(ok.status).toBe(201);
  });

  it("refuses a JSON body above the limit on an authenticated route (readJson) with 413", async () => {
    const { headers } = await apiTokenFor("EDITOR");
    const response = await call(createBrand, "/brands", {
      method: "POST",
      body: JSON.stringify({ name: "x".repeat(1024 * 1024 + 10) }),
      headers: { ...headers, "content-type": "application/json" },
    });
    expect(response.status).toBe(413);
    expect((await response.json()).error).toBe("PAYLOAD_TOO_LARGE");
  });
});
