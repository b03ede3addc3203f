import path from "node:path";
import { NiceChild } from "../../child-process/nice-child";
import type { ModelImageReply, ModelImageRequest } from "./types";

/**
 * The model's copy of a photo is made in a child process at the lowest CPU priority (nice 19):
 * decoding a 24 MP original is the one CPU-heavy step of an AI run, and on a small server it would
 * take the cores ingestion needs (measured by `npm run bench:ai`). The kernel now gives the web
 * server and the ingest pipeline (nice 0) the CPU first; the run, which mostly waits on the provider,
 * takes what is left. Loaded by absolute path from the source tree, as the carteira parse worker.
 */
const ENTRY = path.join(
  /* turbopackIgnore: true */ process.cwd(),
  "lib",
  "ai",
  "provider",
  "model-image",
  "child-entry.cjs",
);
/** A photo that takes longer is given up (the child is restarted): the item is retried like a timeout. */
const REQUEST_TIMEOUT_MS = 60_000;

const child = new NiceChild<ModelImageRequest, ModelImageReply>({
  entry: ENTRY,
  globalKey: "vitrineModelImageChild",
  errors: {
    startFailed: () => new Error("O processo de preparo de imagens para a IA terminou ao iniciar."),
    exited: () => new Error("O processo de preparo de imagens para a IA terminou."),
    timedOut: () => new Error("O preparo da imagem para a IA demorou demais."),
  },
});

/** The model-size JPEG of `input` (a local path or the original's bytes), made by the nice-19 child. */
export async function renderModelImageInChild(
  input: string | Buffer,
  longSide: number,
  maxPixels: number,
): Promise<Buffer> {
  const reply = await child.request({ input, longSide, maxPixels }, REQUEST_TIMEOUT_MS);
  if ("error" in reply) throw new Error(reply.error);
  return Buffer.from(reply.jpeg);
}

/** The child's pid once it runs (tests read its nice value). */
export function modelImageChildPid(): number | undefined {
  return child.pid();
}
