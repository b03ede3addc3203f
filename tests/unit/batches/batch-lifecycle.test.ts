import { describe, expect, it } from "vitest";
import {
  ACCEPTS_UPLOADS,
  ALLOWED_TRANSITIONS,
  BATCH_MOVES,
  BATCH_STATUSES,
  canMove,
  canTransition,
  HOLDS_PROCESSING,
  IN_PROGRESS,
  NOT_STARTED,
  PROCESSES_NEW_UPLOADS,
  RUNNING,
  statusIn,
  type BatchMove,
} from "@/lib/batches/batch-lifecycle";
import { Prisma } from "@/lib/db/client";
import { BatchStatus } from "@/lib/generated/prisma/enums";

/** Every status change a batch may make, written out by hand (the module derives its table from the moves). */
const ALLOWED = [
  ["DRAFT", "UPLOADING"],
  ["DRAFT", "QUEUED"],
  ["DRAFT", "CANCELLED"],
  ["UPLOADING", "QUEUED"],
  ["UPLOADING", "CANCELLED"],
  ["QUEUED", "PROCESSING"],
  ["QUEUED", "PAUSED"],
  ["QUEUED", "CANCELLED"],
  ["QUEUED", "COMPLETED"],
  ["QUEUED", "COMPLETED_WITH_ERRORS"],
  ["PROCESSING", "QUEUED"],
  ["PROCESSING", "PAUSED"],
  ["PROCESSING", "CANCELLED"],
  ["PROCESSING", "COMPLETED"],
  ["PROCESSING", "COMPLETED_WITH_ERRORS"],
  ["PAUSED", "QUEUED"],
  ["PAUSED", "CANCELLED"],
  ["COMPLETED", "QUEUED"],
  ["COMPLETED", "PROCESSING"],
  ["COMPLETED_WITH_ERRORS", "QUEUED"],
  ["COMPLETED_WITH_ERRORS", "PROCESSING"],
  ["CANCELLED", "QUEUED"],
] as const;

/** For each move, the statuses it applies to. */
const MOVE_SOURCES: Record<BatchMove, readonly BatchStatus[]> = {
  receiveFirstUpload: ["DRAFT"],
  receiveUploadWhenFinished: ["COMPLETED", "COMPLETED_WITH_ERRORS"],
  start: ["DRAFT", "UPLOADING", "COMPLETED", "COMPLETED_WITH_ERRORS"],
  beginProcessing: ["QUEUED"],
  pause: ["QUEUED", "PROCESSING"],
  resume: ["PAUSED"],
  forceStart: ["DRAFT", "UPLOADING", "QUEUED", "PROCESSING", "PAUSED"],
  cancel: ["DRAFT", "UPLOADING", "QUEUED", "PROCESSING", "PAUSED"],
  reprocessFailed: ["COMPLETED", "COMPLETED_WITH_ERRORS", "QUEUED", "PROCESSING", "CANCELLED"],
  complete: ["QUEUED", "PROCESSING"],
  completeWithErrors: ["QUEUED", "PROCESSING"],
};

const pairs = BATCH_STATUSES.flatMap((from) => BATCH_STATUSES.map((to) => [from, to] as const));

describe("batch lifecycle", () => {
  it("knows every status of the database enum", () => {
    expect([...BATCH_STATUSES].sort()).toEqual(Object.values(BatchStatus).sort());
    expect(Object.keys(ALLOWED_TRANSITIONS).sort()).toEqual([...BATCH_STATUSES].sort());
  });

  it.each(pairs)("%s → %s", (from, to) => {
    const expected = ALLOWED.some(([f, t]) => f === from && t === to);
    expect(canTransition(from, to)).toBe(expected);
  });

  it.each(Object.keys(MOVE_SOURCES) as BatchMove[])("%s applies to exactly its sources", (move) => {
    for (const status of BATCH_STATUSES)
      expect(canMove(move, status), `${move} from ${status}`).toBe(MOVE_SOURCES[move].includes(status));
  });

  it("has a move for each allowed transition and none outside them", () => {
    expect(Object.keys(BATCH_MOVES).sort()).toEqual(Object.keys(MOVE_SOURCES).sort());
    for (const { from, to } of Object.values(BATCH_MOVES) as { from: readonly BatchStatus[]; to: BatchStatus }[]) {
      for (const source of from) if (source !== to) expect(canTransition(source, to), `${source} → ${to}`).toBe(true);
    }
  });

  it("lets nothing leave a cancelled batch but reprocessing its failures, and nothing finish a batch that never ran", () => {
    expect(ALLOWED_TRANSITIONS.CANCELLED).toEqual(["QUEUED"]);
    for (const from of ["DRAFT", "UPLOADING", "PAUSED"] as const) {
      expect(canTransition(from, "COMPLETED")).toBe(false);
      expect(canTransition(from, "COMPLETED_WITH_ERRORS")).toBe(false);
    }
  });

  it("groups the statuses the rest of the code asks about", () => {
    expect(ACCEPTS_UPLOADS).not.toContain("CANCELLED");
    expect(ACCEPTS_UPLOADS).toHaveLength(BATCH_STATUSES.length - 1);
    expect([...PROCESSES_NEW_UPLOADS].sort()).toEqual(["COMPLETED", "COMPLETED_WITH_ERRORS", "PROCESSING", "QUEUED"]);
    expect([...NOT_STARTED].sort()).toEqual(["DRAFT", "UPLOADING"]);
    expect([...RUNNING].sort()).toEqual(["PROCESSING", "QUEUED"]);
    expect([...HOLDS_PROCESSING].sort()).toEqual(["CANCELLED", "PAUSED"]);
    expect([...IN_PROGRESS].sort()).toEqual(["PROCESSING", "QUEUED", "UPLOADING"]);
    // A held batch never takes new files straight into processing; a batch not started yet neither.
    for (const status of [...HOLDS_PROCESSING, ...NOT_STARTED]) expect(PROCESSES_NEW_UPLOADS).not.toContain(status);
  });

  it("binds the statuses of an SQL condition as parameters cast to the enum", () => {
    const sql = statusIn(Prisma.sql`b."status"`, RUNNING);
    expect(sql.sql).toBe('b."status" IN (?::"BatchStatus",?::"BatchStatus")');
    expect(sql.values).toEqual(["QUEUED", "PROCESSING"]);
  });
});
