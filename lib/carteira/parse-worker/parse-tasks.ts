// Runs inside the carteira parse worker thread (loaded through tsx by worker-entry.cjs): pure parsing only.
import { parentPort } from "node:worker_threads";
import { buildCarteiraPreview } from "../import/build-carteira-preview";
import { stageCarteira } from "../import/stage-carteira";
import { isCarteiraParseError, parseCarteiraFile } from "../parse";
import type { ParseTask, ParseTaskChunk, ParseTaskReply } from "./types";

/** A staged carteira's COPY text goes out as it is made, handed over rather than copied. */
function sendChunk(chunk: Uint8Array): void {
  const message: ParseTaskChunk = { chunk };
  parentPort!.postMessage(message, [chunk.buffer as ArrayBuffer]);
}

function run(task: ParseTask): unknown {
  if (task.kind === "preview") return buildCarteiraPreview(task.input);
  if (task.kind === "parse") return parseCarteiraFile(task.input);
  if (task.kind === "stage") return stageCarteira(task.input, sendChunk);
  throw new Error(`unknown carteira parse task ${(task as { kind: string }).kind}`);
}

function reply(message: ParseTaskReply): void {
  parentPort!.postMessage(message);
}

// Modules are loaded when the thread starts (a standby worker waits warm); it then runs one task and exits.
parentPort!.once("message", (task: ParseTask) => {
  try {
    reply({ ok: true, value: run(task) });
  } catch (error) {
    if (isCarteiraParseError(error))
      reply({ ok: false, parseError: { code: error.code, message: error.message, details: error.details } });
    else reply({ ok: false, failure: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
  }
});
