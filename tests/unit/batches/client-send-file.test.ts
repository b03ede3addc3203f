import { describe, expect, it } from "vitest";
import { outcomesByUploadId, uploadFormData } from "@/lib/browser/uploads/client-send-file";
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
