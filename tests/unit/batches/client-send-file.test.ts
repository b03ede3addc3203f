import { describe, expect, it } from "vitest";
import { afterEach, vi } from "vitest";
import { outcomesByUploadId, sendBatchFiles, uploadFormData } from "@/lib/browser/uploads/client-send-file";
import { UploadSendError, type UploadItem } from "@/lib/browser/uploads/upload-queue";

const item = (id: string): UploadItem<File> => ({
  uploadId: id,
  batchId: "b1",
  file: new File([id], `${id}.jpg`, { type: "image/jpeg" }),
  name: `${id}.jpg`,
  relativePath: `DIR/${id}.jpg`,
  size: id.length,
  status: "uploading",
  loaded: 0,
  attempts: 1,
  error: null,
  imageId: null,
});

// The XHR itself has no unit test (no XHR fake in the project); these are its pure parts.
describe("sendBatchFiles's body and answer", () => {
  it("builds uploadId, path, file per file, in the items' order", () => {
    const body = uploadFormData([item("a"), item("b")]);
    const entries = [...body.entries()].map(([name, value]) => [name, typeof value === "string" ? value : value.name]);
    expect(entries).toEqual([
      ["uploadId", "a"],
      ["path", "DIR/a.jpg"],
      ["file", "a.jpg"],
      ["uploadId", "b"],
      ["path", "DIR/b.jpg"],
      ["file", "b.jpg"],
    ]);
  });

  it("maps the results by uploadId, in the items' order; a member left out is a retryable BAD_RESPONSE", () => {
    const outcomes = outcomesByUploadId(
      [item("a"), item("b"), item("c")],
      [
        { uploadId: "c", status: "rejected", error: { code: "EMPTY_FILE", message: "vazio" } },
        { uploadId: "a", status: "stored", imageId: "i-a" },
      ],
      200,
    );
    expect(outcomes[0]).toEqual({ status: "stored", imageId: "i-a", error: null });
    expect(outcomes[1]).toBeInstanceOf(UploadSendError);
    expect(outcomes[1]).toMatchObject({ code: "BAD_RESPONSE", isRetryable: true, httpStatus: 200 });
    expect(outcomes[2]).toEqual({ status: "rejected", imageId: null, error: { code: "EMPTY_FILE", message: "vazio" } });
    expect(outcomesByUploadId([item("a")], undefined, 200)[0]).toBeInstanceOf(UploadSendError);
  });
});

describe("a group member refused for the server's own trouble", () => {
  it("is retryable, as the same file alone (a 5xx) would be; a refusal of the file itself stays final", () => {
    const outcomes = outcomesByUploadId(
      [item("a"), item("b"), item("c"), item("d")],
      [
        { uploadId: "a", status: "rejected", error: { code: "SERVICE_UNAVAILABLE", message: "tente de novo" } },
        { uploadId: "b", status: "rejected", error: { code: "INTERNAL", message: "falha" } },
        { uploadId: "c", status: "rejected", error: { code: "TOO_MANY_FILES", message: "outra requisição" } },
        { uploadId: "d", status: "rejected", error: { code: "UNSUPPORTED_MEDIA_TYPE", message: "não é imagem" } },
      ],
      200,
    );
    expect(outcomes[0]).toMatchObject({ code: "SERVICE_UNAVAILABLE", isRetryable: true, httpStatus: 503 });
    expect(outcomes[1]).toMatchObject({ code: "INTERNAL", isRetryable: true, httpStatus: 500 });
    expect(outcomes[2]).toMatchObject({ code: "TOO_MANY_FILES", isRetryable: true });
    expect(outcomes[3]).toEqual({
      status: "rejected",
      imageId: null,
      error: { code: "UNSUPPORTED_MEDIA_TYPE", message: "não é imagem" },
    });
  });
});

/** A stand-in XMLHttpRequest answering each send from `answers` in turn, recording the files sent. */
function fakeXhr(answers: { status: number; body: unknown }[]) {
  const sent: string[][] = [];
  class FakeXhr {
    status = 0;
    responseText = "";
    responseType = "";
    upload = { onprogress: null as ((e: { loaded: number }) => void) | null };
    onload: (() => void) | null = null;
    onerror: (() => void) | null = null;
    ontimeout: (() => void) | null = null;
    onabort: (() => void) | null = null;
    open() {}
    setRequestHeader() {}
    abort() {}
    send(body: FormData) {
      sent.push(body.getAll("uploadId").map(String));
      const answer = answers.shift()!;
      queueMicrotask(() => {
        this.status = answer.status;
        this.responseText = JSON.stringify(answer.body);
        this.onload?.();
      });
    }
  }
  vi.stubGlobal("XMLHttpRequest", FakeXhr);
  return sent;
}

afterEach(() => vi.unstubAllGlobals());

describe("sendBatchFiles", () => {
  const ctx = () => ({ signal: new AbortController().signal, onProgress: () => {} });

  it("a 400 or 413 about the request's body sends each member alone: one bad file never refuses the others", async () => {
    const sent = fakeXhr([
      { status: 413, body: { error: "PAYLOAD_TOO_LARGE", message: "grande demais" } },
      { status: 200, body: { results: [{ uploadId: "a", status: "stored", imageId: "i-a" }] } },
      {
        status: 400,
        body: {
          error: "BAD_REQUEST",
          message: "campo longo",
          details: {
            results: [{ uploadId: "b", status: "rejected", error: { code: "FIELD_TOO_LONG", message: "x" } }],
          },
        },
      },
    ]);
    const outcomes = await sendBatchFiles([item("a"), item("b")], ctx());
    expect(sent).toEqual([["a", "b"], ["a"], ["b"]]);
    expect(outcomes[0]).toEqual({ status: "stored", imageId: "i-a", error: null });
    expect(outcomes[1]).toMatchObject({ code: "FIELD_TOO_LONG", isRetryable: false, httpStatus: 400 });
  });

  it("any other refusal (the batch, the session) is the whole request's, thrown once", async () => {
    const sent = fakeXhr([{ status: 409, body: { error: "CONFLICT", message: "lote fechado" } }]);
    await expect(sendBatchFiles([item("a"), item("b")], ctx())).rejects.toMatchObject({
      code: "CONFLICT",
      httpStatus: 409,
    });
    expect(sent).toEqual([["a", "b"]]);
  });
});
