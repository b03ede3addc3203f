import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { put } from "@vercel/blob/client";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { POST as issueRoute } from "@/app/api/v1/batches/[id]/direct-uploads/route";
import { POST as completeRoute } from "@/app/api/v1/batches/[id]/direct-uploads/complete/route";
import { POST as callbackRoute } from "@/app/api/v1/direct-uploads/callback/route";
import { startBatch } from "@/lib/batches/batch-control";
import { getBatchOrThrow } from "@/lib/batches/batch-queries";
import { createBatch } from "@/lib/batches/create-batch";
import { getEnv } from "@/lib/config/env";
import { getPrisma } from "@/lib/db/client";
import { stopBoss } from "@/lib/jobs/boss";
import { startWorkers } from "@/lib/jobs/start-workers";
import { workerJobs } from "@/lib/server/worker-jobs";
import { createLocalStorage } from "@/lib/storage/local-driver";
import { setStorage } from "@/lib/storage/get-storage";
import { createVercelBlobStorage } from "@/lib/storage/vercel-driver";
import { apiTokenFor } from "../../support/api-client";
import { truncateAllTables } from "../../support/db";
import { startFakeVercelBlobServer, type FakeVercelBlobServer } from "../../support/fake-vercel-blob-server";
import { makeJpeg } from "../../support/image-fixtures";

/**
 * Direct uploads through the real `@vercel/blob` client (`put` from `@vercel/blob/client` with the
 * client token our route issues) against the local Vercel Blob protocol server, which also calls
 * our callback route back over HTTP (a relay turns its request into the route handler's Request).
 */
let blob: FakeVercelBlobServer;
let relay: http.Server;
let isRelayUp = true;
const previousApiUrl = process.env.VERCEL_BLOB_API_URL;
const previousCallbackUrl = getEnv().VERCEL_BLOB_CALLBACK_URL;

async function startRelay(): Promise<string> {
  relay = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      if (!isRelayUp) {
        res.writeHead(503).end();
        return;
      }
      const request = new Request(`http://127.0.0.1${req.url}`, {
        method: req.method,
        headers: req.headers as Record<string, string>,
        body: Buffer.concat(chunks),
      });
      void callbackRoute(request).then(async (response) => {
        res.writeHead(response.status, { "content-type": "application/json" });
        res.end(Buffer.from(await response.arrayBuffer()));
      });
    });
  });
  await new Promise<void>((resolve) => relay.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(relay.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  blob = await startFakeVercelBlobServer();
  process.env.VERCEL_BLOB_API_URL = blob.url;
  Object.assign(getEnv(), { VERCEL_BLOB_CALLBACK_URL: await startRelay() });
  await startWorkers(workerJobs);
});

afterAll(async () => {
  await stopBoss();
  setStorage(undefined);
  Object.assign(getEnv(), { VERCEL_BLOB_CALLBACK_URL: previousCallbackUrl });
  if (previousApiUrl === undefined) delete process.env.VERCEL_BLOB_API_URL;
  else process.env.VERCEL_BLOB_API_URL = previousApiUrl;
  await new Promise((resolve) => relay.close(resolve));
  await blob.close();
});

/** Blobs stored by the current test (the fake server lives for the whole file). */
let storedBefore = new Set<string>();
const storedNow = () => blob.pathnames().filter((p) => !storedBefore.has(p));
let callbacksBefore = 0;

beforeEach(async () => {
  await truncateAllTables();
  storedBefore = new Set(blob.pathnames());
  callbacksBefore = blob.callbacks().length;
  setStorage(createVercelBlobStorage({ token: blob.token, apiUrl: blob.url }));
  isRelayUp = true;
});

afterEach(async () => {
  await blob.callbacksSettled();
});

const sha256 = (bytes: Buffer) => crypto.createHash("sha256").update(bytes).digest("hex");
const ctx = (id: string) => ({ params: Promise.resolve({ id }) });

async function setup(role: "EDITOR" | "VIEWER" = "EDITOR") {
  const editor = await apiTokenFor("EDITOR");
  const batch = await createBatch(editor.user, { name: "Direto" });
  const auth = role === "EDITOR" ? editor : await apiTokenFor(role);
  return { auth, batch };
}

type Auth = Awaited<ReturnType<typeof apiTokenFor>>;

function postJson(
  handler: typeof issueRoute,
  auth: Auth,
  batchId: string,
  path: string,
  body: unknown,
): Promise<Response> {
  return handler(
    new Request(`http://localhost/api/v1/batches/${batchId}/${path}`, {
      method: "POST",
      headers: { ...auth.headers, "content-type": "application/json" },
      body: JSON.stringify(body),
    }),
    ctx(batchId),
  );
}

type FileSpec = { uploadId: string; path: string; bytes: Buffer; contentType?: string; sha256?: string; size?: number };

function requestToken(auth: Auth, batchId: string, file: FileSpec): Promise<Response> {
  return postJson(issueRoute, auth, batchId, "direct-uploads", {
    uploadId: file.uploadId,
    path: file.path,
    size: file.size ?? file.bytes.length,
    contentType: file.contentType ?? "image/jpeg",
    sha256: file.sha256 ?? sha256(file.bytes),
  });
}

type Grant = { status: "ready"; pathname: string; clientToken: string; access: "private"; ticket: string };

/** What the browser does: token from our route, PUT straight to the store, then the confirm. */
async function sendDirect(
  auth: Auth,
  batchId: string,
  file: FileSpec,
  options: { body?: Buffer; confirm?: boolean } = {},
) {
  const issued = await requestToken(auth, batchId, file);
  expect(issued.status).toBe(200);
  const grant = (await issued.json()) as Grant;
  await put(grant.pathname, options.body ?? file.bytes, {
    access: grant.access,
    token: grant.clientToken,
    contentType: file.contentType ?? "image/jpeg",
  });
  if (options.confirm === false) return { grant, confirmed: null };
  const confirmed = await postJson(completeRoute, auth, batchId, "direct-uploads/complete", { ticket: grant.ticket });
  return { grant, confirmed };
}

async function waitFor<T>(read: () => Promise<T | null | undefined | false>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value) return value;
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("POST /api/v1/batches/{id}/direct-uploads (client token)", () => {
  it("gives a token only to an editor, for a batch that exists, is not deleted and accepts files", async () => {
    const bytes = await makeJpeg(301);
    const file = { uploadId: "u1", path: "a.jpg", bytes };
    const viewer = await setup("VIEWER");
    const forbidden = await requestToken(viewer.auth, viewer.batch.id, file);
    expect(forbidden.status).toBe(403);
    expect(await forbidden.json()).toMatchObject({ error: "FORBIDDEN" });

    const { auth, batch } = await setup();
    const missing = await requestToken(auth, "0190a0a0-0000-7000-8000-000000000000", file);
    expect(missing.status).toBe(404);

    await getPrisma().batch.update({ where: { id: batch.id }, data: { status: "CANCELLED" } });
    const cancelled = await requestToken(auth, batch.id, file);
    expect(cancelled.status).toBe(409);
    expect(await cancelled.json()).toMatchObject({ error: "CONFLICT", details: { code: "BATCH_NOT_ACCEPTING" } });

    await getPrisma().batch.update({ where: { id: batch.id }, data: { status: "DRAFT", deletedAt: new Date() } });
    const deleted = await requestToken(auth, batch.id, file);
    expect(deleted.status).toBe(409);
    expect(await deleted.json()).toMatchObject({ error: "CONFLICT", details: { code: "BATCH_DELETED" } });
    expect(storedNow()).toEqual([]);
  });

  it("refuses an empty file, one over the size limit and a type we do not take, keeping them as refusals", async () => {
    const { auth, batch } = await setup();
    const bytes = await makeJpeg(302);
    const empty = await requestToken(auth, batch.id, { uploadId: "e", path: "e.jpg", bytes: Buffer.alloc(0) });
    expect(empty.status).toBe(400);
    expect(await empty.json()).toMatchObject({ error: "BAD_REQUEST", details: { code: "EMPTY_FILE" } });
    const large = await requestToken(auth, batch.id, {
      uploadId: "l",
      path: "l.jpg",
      bytes,
      size: getEnv().UPLOAD_MAX_BYTES + 1,
    });
    expect(large.status).toBe(413);
    expect(await large.json()).toMatchObject({ error: "PAYLOAD_TOO_LARGE" });
    const text = await requestToken(auth, batch.id, { uploadId: "t", path: "t.txt", bytes, contentType: "text/plain" });
    expect(text.status).toBe(415);
    expect(await text.json()).toMatchObject({ error: "UNSUPPORTED_MEDIA_TYPE" });
    const refused = (await getBatchOrThrow(batch.id)).refusedFiles.map((f) => [f.name, f.error.code]);
    expect(refused.sort()).toEqual([
      ["e.jpg", "EMPTY_FILE"],
      ["l.jpg", "PAYLOAD_TOO_LARGE"],
      ["t.txt", "UNSUPPORTED_MEDIA_TYPE"],
    ]);
    expect(storedNow()).toEqual([]);
  });

  it("answers DIRECT_UPLOADS_DISABLED when files are kept on local disk (the streaming route is the way)", async () => {
    const { auth, batch } = await setup();
    setStorage(createLocalStorage({ root: `${process.env.VITRINE_DATA_DIR}/blobs` }));
    const res = await requestToken(auth, batch.id, { uploadId: "x", path: "x.jpg", bytes: await makeJpeg(303) });
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ error: "CONFLICT", details: { code: "DIRECT_UPLOADS_DISABLED" } });
  });

  it("picks the pathname itself; the token allows only that pathname, the declared size and type", async () => {
    isRelayUp = false;
    const { auth, batch } = await setup();
    const bytes = await makeJpeg(304);
    const issued = await requestToken(auth, batch.id, { uploadId: "p1", path: "../../../etc/passwd.jpg", bytes });
    const grant = (await issued.json()) as Grant;
    expect(grant.pathname).toMatch(/^originals\/\d{4}\/\d{2}\/[0-9a-f-]{36}\.jpg$/);
    // The browser is told the Blob API address the server uses when it is not Vercel's own.
    expect(grant).toMatchObject({ access: "private", contentType: "image/jpeg", apiUrl: blob.url });
    const options = { access: grant.access, token: grant.clientToken, contentType: "image/jpeg" };
    await expect(put("originals/chosen-by-me.jpg", bytes, options)).rejects.toThrow();
    await expect(put(grant.pathname, Buffer.concat([bytes, Buffer.alloc(10)]), options)).rejects.toThrow();
    await expect(put(grant.pathname, bytes, { ...options, contentType: "text/html" })).rejects.toThrow();
    expect(storedNow()).toEqual([]);
    await put(grant.pathname, bytes, options);
    expect(storedNow()).toEqual([grant.pathname]);
  });
});

describe("completion: the store's callback and the browser's confirm", () => {
  it("records the row once whichever arrives first; both get the same answer", async () => {
    const { auth, batch } = await setup();
    const bytes = await makeJpeg(305);
    const { grant, confirmed } = await sendDirect(auth, batch.id, {
      uploadId: "c1",
      path: "VERAO/VD24-0001_FRENTE.jpg",
      bytes,
    });
    const first = (await confirmed!.json()) as { results: { status: string; imageId: string }[] };
    await blob.callbacksSettled();
    expect(blob.callbacks().slice(callbacksBefore)).toEqual([
      { url: expect.stringContaining("/api/v1/direct-uploads/callback"), status: 200 },
    ]);
    const again = await postJson(completeRoute, auth, batch.id, "direct-uploads/complete", { ticket: grant.ticket });
    const second = (await again.json()) as { results: { status: string; imageId: string }[] };
    expect(first.results[0]).toMatchObject({ status: "stored" });
    expect(second.results[0]).toEqual(first.results[0]);
    const image = await getPrisma().image.findUniqueOrThrow({ where: { id: first.results[0]!.imageId } });
    expect(image).toMatchObject({
      storageKey: grant.pathname,
      sha256: sha256(bytes),
      originalName: "VD24-0001_FRENTE.jpg",
      relativePath: "VERAO/VD24-0001_FRENTE.jpg",
      isContentVerified: false,
    });
    expect(await getPrisma().image.count()).toBe(1);
    expect(await getPrisma().batchUpload.count()).toBe(1);
    expect(storedNow()).toEqual([grant.pathname]);
    // A re-drop after a reload asks for a token again: the batch already has this upload id.
    const reissued = await requestToken(auth, batch.id, { uploadId: "c1", path: "x.jpg", bytes });
    expect(await reissued.json()).toMatchObject({ status: "already_uploaded", imageId: image.id });
  });

  it("records the row from the callback alone, and from the confirm alone when the store cannot call back", async () => {
    const { auth, batch } = await setup();
    const viaCallback = await sendDirect(
      auth,
      batch.id,
      { uploadId: "cb", path: "cb.jpg", bytes: await makeJpeg(306) },
      {
        confirm: false,
      },
    );
    await blob.callbacksSettled();
    await waitFor(() => getPrisma().image.findUnique({ where: { storageKey: viaCallback.grant.pathname } }));

    isRelayUp = false;
    const viaConfirm = await sendDirect(auth, batch.id, { uploadId: "cf", path: "cf.jpg", bytes: await makeJpeg(307) });
    await blob.callbacksSettled();
    expect(blob.callbacks().at(-1)?.status).toBe(503);
    expect(await viaConfirm.confirmed!.json()).toMatchObject({ results: [{ uploadId: "cf", status: "stored" }] });
    expect(await getPrisma().batchUpload.count()).toBe(2);
  });

  it("links a file whose bytes the bank already has (same sha256) and removes its blob", async () => {
    isRelayUp = false;
    const { auth, batch } = await setup();
    const bytes = await makeJpeg(308);
    const first = await sendDirect(auth, batch.id, { uploadId: "d1", path: "d1.jpg", bytes });
    const second = await sendDirect(auth, batch.id, { uploadId: "d2", path: "d2.jpg", bytes });
    const a = (await first.confirmed!.json()) as { results: { status: string; imageId: string }[] };
    const b = (await second.confirmed!.json()) as { results: { status: string; imageId: string }[] };
    expect(b.results[0]).toMatchObject({ status: "duplicate", imageId: a.results[0]!.imageId });
    expect(storedNow()).toEqual([first.grant.pathname]);
  });

  it("refuses a callback with a wrong signature and a ticket that was tampered with or is for another batch", async () => {
    isRelayUp = false;
    const { auth, batch } = await setup();
    const bytes = await makeJpeg(309);
    const { grant } = await sendDirect(auth, batch.id, { uploadId: "s1", path: "s1.jpg", bytes }, { confirm: false });
    const body = JSON.stringify({ type: "blob.upload-completed", payload: { blob: {}, tokenPayload: grant.ticket } });
    const forged = await callbackRoute(
      new Request("http://localhost/api/v1/direct-uploads/callback", {
        method: "POST",
        headers: { "content-type": "application/json", "x-vercel-signature": "00".repeat(32) },
        body,
      }),
    );
    expect(forged.status).toBe(403);
    const [payload, signature] = grant.ticket.split(".");
    const tampered = JSON.parse(Buffer.from(payload!, "base64url").toString("utf8")) as Record<string, unknown>;
    tampered.sha256 = "0".repeat(64);
    const badTicket = `${Buffer.from(JSON.stringify(tampered)).toString("base64url")}.${signature}`;
    const res = await postJson(completeRoute, auth, batch.id, "direct-uploads/complete", { ticket: badTicket });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ details: { code: "DIRECT_UPLOAD_TICKET_INVALID" } });
    const other = await createBatch(auth.user, { name: "Outro" });
    const elsewhere = await postJson(completeRoute, auth, other.id, "direct-uploads/complete", {
      ticket: grant.ticket,
    });
    expect(elsewhere.status).toBe(400);
    expect(await elsewhere.json()).toMatchObject({ details: { code: "DIRECT_UPLOAD_TICKET_INVALID" } });
    expect(await getPrisma().image.count()).toBe(0);
  });

  it("removes a blob smaller than declared at completion and keeps the file as refused", async () => {
    isRelayUp = false;
    const { auth, batch } = await setup();
    const bytes = await makeJpeg(310);
    const { confirmed } = await sendDirect(
      auth,
      batch.id,
      { uploadId: "m1", path: "m1.jpg", bytes },
      { body: bytes.subarray(0, bytes.length - 100) },
    );
    expect(confirmed!.status).toBe(400);
    expect(await confirmed!.json()).toMatchObject({ details: { code: "UPLOAD_CONTENT_MISMATCH" } });
    expect(storedNow()).toEqual([]);
    expect(await getPrisma().image.count()).toBe(0);
    const refused = (await getBatchOrThrow(batch.id)).refusedFiles.map((f) => [f.name, f.error.code]);
    expect(refused).toEqual([["m1.jpg", "UPLOAD_CONTENT_MISMATCH"]]);
  });
});

describe("the worker checks a direct upload's bytes before processing", () => {
  async function processAll(auth: Auth, batchId: string) {
    await startBatch(auth.user, batchId);
    return waitFor(async () => {
      const batch = await getPrisma().batch.findUniqueOrThrow({ where: { id: batchId } });
      return ["COMPLETED", "COMPLETED_WITH_ERRORS"].includes(batch.status) ? batch : null;
    }, 60_000);
  }

  it("processes a file whose type, size and sha256 hold; removes and reports one that is not an image or not the declared bytes", async () => {
    isRelayUp = false;
    const { auth, batch } = await setup();
    const good = await makeJpeg(311, 320, 240);
    const other = await makeJpeg(312, 320, 240);
    // Same length, other bytes: the size check at completion passes, the sha256 check cannot.
    const swapped = Buffer.from(good);
    swapped[swapped.length - 3] = swapped[swapped.length - 3]! ^ 0xff;
    const notImage = Buffer.from("<html>not a photo</html>".padEnd(good.length, " "));
    await sendDirect(auth, batch.id, { uploadId: "ok", path: "ok.jpg", bytes: good });
    await sendDirect(auth, batch.id, { uploadId: "txt", path: "txt.jpg", bytes: notImage });
    await sendDirect(auth, batch.id, { uploadId: "sw", path: "sw.jpg", bytes: swapped, sha256: sha256(other) });
    expect(storedNow()).toHaveLength(3);

    await processAll(auth, batch.id);
    const images = await getPrisma().image.findMany();
    expect(images).toHaveLength(1);
    expect(images[0]).toMatchObject({ originalName: "ok.jpg", processingStatus: "READY", isContentVerified: true });
    expect(images[0]!.thumbnailKey).toBeTruthy();
    expect(storedNow().filter((p) => p.startsWith("originals/"))).toEqual([images[0]!.storageKey]);
    const refused = (await getBatchOrThrow(batch.id)).refusedFiles.map((f) => [f.name, f.error.code]).sort();
    expect(refused).toEqual([
      ["sw.jpg", "UPLOAD_CONTENT_MISMATCH"],
      ["txt.jpg", "UNSUPPORTED_MEDIA_TYPE"],
    ]);
  });
});
