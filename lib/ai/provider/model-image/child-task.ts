// Runs in the model-image child process: decode, turn upright, fit, flatten and encode, nothing else.
import sharp from "sharp";
import { hardenSharp } from "../../../images/analyze-image";
import type { ModelImageReply, ModelImageRequest } from "./types";

hardenSharp();

/** JPEG quality of the model's copy: enough for colours and textures at a fraction of the bytes. */
const JPEG_QUALITY = 80;

async function render(request: ModelImageRequest): Promise<Buffer> {
  const input = typeof request.input === "string" ? request.input : Buffer.from(request.input);
  return sharp(input, { limitInputPixels: request.maxPixels, sequentialRead: true })
    .rotate()
    .resize({ width: request.longSide, height: request.longSide, fit: "inside", withoutEnlargement: true })
    .flatten({ background: "#ffffff" })
    .jpeg({ quality: JPEG_QUALITY })
    .toBuffer();
}

process.on("message", (request: ModelImageRequest) => {
  render(request).then(
    (jpeg) => process.send!({ id: request.id, jpeg } satisfies ModelImageReply),
    (error: unknown) =>
      process.send!({
        id: request.id,
        error: error instanceof Error ? error.message.split("\n")[0]! : String(error),
      } satisfies ModelImageReply),
  );
});
// The parent went away (killed, restarted): nothing is left to do here.
process.on("disconnect", () => process.exit(0));
process.send!({ ready: true });
