import type { CarteiraPreviewInput } from "../import/build-carteira-preview";
import type { CarteiraErrorCode, ParseCarteiraInput } from "../parse";

/** What the parse worker is asked to do (its one message). */
export type ParseTask =
  | { kind: "preview"; input: CarteiraPreviewInput }
  | { kind: "parse"; input: ParseCarteiraInput }
  /** The import's reading: the staging table's COPY text and the row problems (stage-carteira.ts). */
  | { kind: "stage"; input: ParseCarteiraInput };

/** A chunk of a stage task's COPY text, sent (transferred) while the file is still being read. */
export interface ParseTaskChunk {
  chunk: Uint8Array;
}

/** The worker's one message back (after any chunks). */
export type ParseTaskReply =
  | { ok: true; value: unknown }
  | { ok: false; parseError: { code: CarteiraErrorCode; message: string; details?: Record<string, unknown> } }
  | { ok: false; failure: string };
