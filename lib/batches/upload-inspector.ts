import crypto from "node:crypto";
import { Transform, type TransformCallback } from "node:stream";
import { ApiError } from "@/lib/api/errors";
import { detectImageType, IMAGE_SNIFF_BYTES, type AcceptedImageType } from "@/lib/images/detect-image-type";

/**
 * One pass-through step between the uploaded bytes and blob storage: it holds back the first
 * bytes until the real type is known (`detected`), hashes every byte (sha256), counts them and
 * fails the stream as soon as the size limit is crossed. A single synchronous Transform instead
 * of a chain of stream adapters: at tens of megabytes per second every extra hop per chunk costs
 * measurable CPU.
 */
export class UploadInspector extends Transform {
  /** The type read from the first bytes; null when they are not an accepted image (or there are none). */
  readonly detected: Promise<AcceptedImageType | null>;
  /** Bytes seen so far (final once the stream has ended). */
  size = 0;
  private head: Buffer[] | null = [];
  private headBytes = 0;
  private readonly hash = crypto.createHash("sha256");
  private settleDetected!: { resolve: (type: AcceptedImageType | null) => void; reject: (error: Error) => void };

  constructor(private readonly maxBytes: number) {
    super();
    this.detected = new Promise((resolve, reject) => (this.settleDetected = { resolve, reject }));
    // Awaited by the caller; this only keeps an early failure from counting as unhandled.
    this.detected.catch(() => {});
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.size += chunk.length;
    if (this.size > this.maxBytes) {
      callback(
        new ApiError("PAYLOAD_TOO_LARGE", `Arquivo acima do limite de ${Math.round(this.maxBytes / 1024 / 1024)} MB.`),
      );
      return;
    }
    this.hash.update(chunk);
    if (!this.head) {
      callback(null, chunk);
      return;
    }
    this.head.push(chunk);
    this.headBytes += chunk.length;
    if (this.headBytes >= IMAGE_SNIFF_BYTES) this.releaseHead();
    callback();
  }

  override _flush(callback: TransformCallback): void {
    if (this.head) this.releaseHead();
    callback();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    if (this.head) {
      this.head = null;
      this.settleDetected.reject(error ?? new Error("Upload stream closed before its type was known"));
    }
    callback(error);
  }

  /** Hex sha256 of every byte; call once, after the stream has ended. */
  sha256(): string {
    return this.hash.digest("hex");
  }

  private releaseHead(): void {
    const head = Buffer.concat(this.head!);
    this.head = null;
    this.settleDetected.resolve(detectImageType(head));
    if (head.length > 0) this.push(head);
  }
}
