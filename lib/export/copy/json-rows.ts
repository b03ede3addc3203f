import type { CsvChunk } from "./crlf-rows";

const LF = 0x0a;
const COMMA = 0x2c;

/** NDJSON lines as COPY writes them (one object a line, LF-terminated, nothing escaped): counted, unchanged. */
export function ndjsonRows(): (chunk: Buffer) => CsvChunk {
  return (chunk) => {
    let length = 0;
    for (let i = chunk.indexOf(LF); i !== -1; i = chunk.indexOf(LF, i + 1)) length++;
    return { bytes: chunk, length };
  };
}

/**
 * The JSON array writer's text (json-writer.ts: `[`, then `\n` before the first object and `,\n`
 * before each next one, then `\n]\n`, or `]\n` when empty) from COPY's NDJSON lines: a line's LF
 * becomes `,\n` once another line follows, so the last one is held until the next chunk or `end`.
 * The head `[` is written apart (jsonArrayHead).
 */
export function jsonArrayRows(): { rows: (chunk: Buffer) => CsvChunk; end: () => string } {
  let started = false;
  let pending = false;
  return {
    rows: (chunk) => {
      if (chunk.length === 0) return { bytes: chunk, length: 0 };
      const ends: number[] = [];
      for (let i = chunk.indexOf(LF); i !== -1; i = chunk.indexOf(LF, i + 1)) ends.push(i);
      const holdsLast = ends.length > 0 && ends[ends.length - 1] === chunk.length - 1;
      // Before this chunk: `\n` before the first object, or `,\n` for the line end held back.
      const lead = started ? (pending ? 2 : 0) : 1;
      const commas = holdsLast ? ends.length - 1 : ends.length;
      const bytes = Buffer.allocUnsafe(lead + chunk.length + commas - (holdsLast ? 1 : 0));
      let to = 0;
      if (!started) bytes[to++] = LF;
      else if (pending) {
        bytes[to++] = COMMA;
        bytes[to++] = LF;
      }
      started = true;
      let from = 0;
      for (let k = 0; k < commas; k++) {
        to += chunk.copy(bytes, to, from, ends[k]);
        bytes[to++] = COMMA;
        from = ends[k]!;
      }
      to += chunk.copy(bytes, to, from, holdsLast ? chunk.length - 1 : chunk.length);
      pending = holdsLast;
      return { bytes, length: ends.length };
    },
    end: () => (started ? "\n]\n" : "]\n"),
  };
}
