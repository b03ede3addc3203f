// Import this first in a test file: every logger of lib/log/logger.ts then writes its JSON lines
// into `capturedLogLines` (the root logger is taken from globalThis when the module loads).
import pino from "pino";

export const capturedLogLines: string[] = [];

(globalThis as unknown as { vitrineLogger?: pino.Logger }).vitrineLogger = pino(
  { level: "debug", base: undefined },
  { write: (line: string) => void capturedLogLines.push(line) },
);
