// POST /api/v1/images/download: the selection's originals as a streamed ZIP (names and bytes checked by unzipping), caps refused before streaming.
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as getTicketDownload } from "@/app/api/v1/images/download/[ticketId]/route";
import { POST as postDownload } from "@/app/api/v1/images/download/route";
import { POST as postTicket } from "@/app/api/v1/images/download/tickets/route";
import { getPrisma } from "@/lib/db/client";
import { createDownloadTicket } from "@/lib/images/bulk/download-ticket";
import { downloadTicketSchema } from "@/lib/images/bulk/schemas";
import { downloadZip, zipEntryNames } from "@/lib/images/bulk/download-zip";
import { getStorage } from "@/lib/storage/get-storage";
import { apiTokenFor } from "../../support/api-client";
import { truncateAllTables } from "../../support/db";
import { unzip } from "../../support/unzip";
import { params, seedImage, seedScope, type Auth, type Scope } from "./seed";

let viewer: Auth;
let scope: Scope;
const files: { id: string; name: string; bytes: Buffer }[] = [];

function downloadRequest(auth: Auth, body: unknown, signal?: AbortSignal, path = "/api/v1/images/download"): Request {
  return new Request(`http://localhost${path}`, {
    method: "POST",
    headers: { ...auth.headers, "content-type": "application/json" },
    body: JSON.stringify(body),
    signal,
  });
}

beforeAll(async () => {
  await truncateAllTables();
  viewer = await apiTokenFor("VIEWER");
  scope = await seedScope("Marca Zip", "Coleção Zip");
  // Two photos share a name (different folders of the upload): the ZIP numbers the second.
  for (const name of ["VZ-0001_01.jpg", "VZ-0001_02.jpg", "VZ-0001_01.jpg"]) {
    const bytes = randomBytes(40_000 + files.length * 1000);
    const image = await seedImage(name, scope, { bytes: BigInt(bytes.length) });
    await getStorage().put(image.storageKey, bytes, { contentType: "image/jpeg" });
    files.push({ id: image.id, name, bytes });
  }
});

describe("ZIP download", () => {
  it("streams the originals of an id selection with their names, de-duplicated, byte for byte (VIEWER may)", async () => {
    const res = await postDownload(
      downloadRequest(viewer, { selection: { imageIds: files.map((f) => f.id) } }),
      params({}),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/zip");
    expect(res.headers.get("content-disposition")).toContain("attachment");
    const entries = await unzip(Buffer.from(await res.arrayBuffer()));
    expect([...entries.keys()]).toEqual(["VZ-0001_01.jpg", "VZ-0001_02.jpg", "VZ-0001_01 (2).jpg"]);
    expect(entries.get("VZ-0001_01.jpg")!.equals(files[0]!.bytes)).toBe(true);
    expect(entries.get("VZ-0001_02.jpg")!.equals(files[1]!.bytes)).toBe(true);
    expect(entries.get("VZ-0001_01 (2).jpg")!.equals(files[2]!.bytes)).toBe(true);
  });

  it("takes a filter selection too", async () => {
    const res = await postDownload(
      downloadRequest(viewer, { selection: { filter: { collectionId: scope.collection.id, q: "VZ-0001_02" } } }),
      params({}),
    );
    const entries = await unzip(Buffer.from(await res.arrayBuffer()));
    expect([...entries.keys()]).toEqual(["VZ-0001_02.jpg"]);
  });

  it("refuses a selection over the caps before sending a byte (413 with a code), and an empty one (400)", async () => {
    const ids = files.map((f) => f.id);
    const signal = new AbortController().signal;
    await expect(downloadZip({ imageIds: ids }, signal, { maxFiles: 2, maxBytes: 10 ** 9 })).rejects.toMatchObject({
      status: 413,
      details: { code: "DOWNLOAD_TOO_MANY_FILES", max: 2 },
    });
    await expect(downloadZip({ imageIds: ids }, signal, { maxFiles: 10, maxBytes: 100_000 })).rejects.toMatchObject({
      status: 413,
      details: { code: "DOWNLOAD_TOO_LARGE", limit: 100_000 },
    });
    const none = await postDownload(
      downloadRequest(viewer, { selection: { filter: { q: "nenhuma-foto-assim" } } }),
      params({}),
    );
    expect(none.status).toBe(400);
    expect((await none.json()).details).toMatchObject({ code: "EMPTY_SELECTION" });
    const tooMany = Array.from({ length: 501 }, (_, n) => `0190a000-0000-7000-8000-${String(n).padStart(12, "0")}`);
    const res = await postDownload(
      downloadRequest(viewer, { selection: { imageIds: [...ids, ...tooMany.slice(0, 498)] } }),
      params({}),
    );
    // 501 ids but only 3 photos exist: the cap counts photos, so this one streams.
    expect(res.status).toBe(200);
    await res.body?.cancel();
  });

  it("stops reading when the client goes away", async () => {
    const controller = new AbortController();
    const res = await downloadZip({ imageIds: files.map((f) => f.id) }, controller.signal);
    const reader = res.body!.getReader();
    const first = await reader.read();
    expect(first.done).toBe(false);
    controller.abort();
    // The stream errors out (or ends early) instead of delivering the rest of the archive.
    let received = first.value!.length;
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        received += value.length;
      }
    } catch {
      // aborted
    }
    expect(received).toBeLessThan(files.reduce((s, f) => s + f.bytes.length, 0));
  });
});

describe("ZIP download by a one-use link (what the browser follows)", () => {
  const ticketRequest = (auth: Auth, body: unknown) =>
    downloadRequest(auth, body, undefined, "/api/v1/images/download/tickets");
  const follow = (auth: Auth, id: string) =>
    getTicketDownload(
      new Request(`http://localhost/api/v1/images/download/${id}`, { headers: auth.headers }),
      params({ ticketId: id }),
    );

  it("checks the caps when the link is made, then streams the same photos once, to its owner only", async () => {
    const made = await postTicket(
      ticketRequest(viewer, { selection: { imageIds: files.map((f) => f.id) } }),
      params({}),
    );
    expect(made.status).toBe(201);
    const ticket = downloadTicketSchema.parse(await made.json());
    expect(ticket).toMatchObject({ files: 3, url: `/api/v1/images/download/${ticket.id}` });

    const other = await apiTokenFor("VIEWER");
    const foreign = await follow(other, ticket.id);
    expect(foreign.status).toBe(404);
    expect((await foreign.json()).details).toMatchObject({ code: "DOWNLOAD_TICKET_INVALID" });

    const res = await follow(viewer, ticket.id);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toContain("attachment");
    const entries = await unzip(Buffer.from(await res.arrayBuffer()));
    expect([...entries.keys()]).toEqual(["VZ-0001_01.jpg", "VZ-0001_02.jpg", "VZ-0001_01 (2).jpg"]);
    expect(entries.get("VZ-0001_02.jpg")!.equals(files[1]!.bytes)).toBe(true);

    const again = await follow(viewer, ticket.id);
    expect(again.status).toBe(404);
  });

  it("refuses over the caps or empty before any link exists, and an expired link", async () => {
    const ids = files.map((f) => f.id);
    const before = await getPrisma().downloadTicket.count();
    await expect(
      createDownloadTicket(viewer.user.id, { imageIds: ids }, { maxFiles: 2, maxBytes: 10 ** 9 }),
    ).rejects.toMatchObject({ status: 413, details: { code: "DOWNLOAD_TOO_MANY_FILES" } });
    const none = await postTicket(
      ticketRequest(viewer, { selection: { filter: { q: "nenhuma-foto-assim" } } }),
      params({}),
    );
    expect(none.status).toBe(400);
    expect(await getPrisma().downloadTicket.count()).toBe(before);

    const ticket = await createDownloadTicket(viewer.user.id, { imageIds: ids });
    await getPrisma().downloadTicket.update({
      where: { id: ticket.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect((await follow(viewer, ticket.id)).status).toBe(404);
    // The next link clears the user's expired ones.
    await createDownloadTicket(viewer.user.id, { imageIds: ids });
    expect(await getPrisma().downloadTicket.findUnique({ where: { id: ticket.id } })).toBeNull();
  });
});

describe("zipEntryNames", () => {
  it("numbers repeats (case-insensitively) and strips folders", () => {
    expect(zipEntryNames(["a.jpg", "A.jpg", "a.jpg", "x/y.jpg", "semext"])).toEqual([
      "a.jpg",
      "A (2).jpg",
      "a (3).jpg",
      "x_y.jpg",
      "semext",
    ]);
  });
});
