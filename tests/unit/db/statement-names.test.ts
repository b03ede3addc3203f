import { describe, expect, it } from "vitest";
import { createStatementNamer, CUSTOM_PLAN_MARKER } from "@/lib/db/statement-names";

describe("createStatementNamer", () => {
  it("gives a parameterised text one stable name, and different texts different names", () => {
    const name = createStatementNamer("t");
    const first = name("SELECT * FROM x WHERE id = $1", 1);
    expect(first).toMatch(/^t_[0-9a-f]{24}$/);
    expect(name("SELECT * FROM x WHERE id = $1", 1)).toBe(first);
    expect(name("SELECT * FROM y WHERE id = $1", 1)).not.toBe(first);
    // Another process (or namer) derives the same name from the same text.
    expect(createStatementNamer("t")("SELECT * FROM x WHERE id = $1", 1)).toBe(first);
  });

  it("leaves statements without parameters unnamed: they may hold several commands", () => {
    expect(createStatementNamer("t")("BEGIN; SELECT 1; COMMIT", 0)).toBe("");
  });

  it("leaves statements marked for a plan per call unnamed (PostgreSQL plans the unnamed one with its values)", () => {
    const name = createStatementNamer("t");
    expect(name(`SELECT ${CUSTOM_PLAN_MARKER} id FROM x WHERE t LIKE $1`, 1)).toBe("");
    expect(name("SELECT id FROM x WHERE t LIKE $1", 1)).toMatch(/^t_/);
  });

  it("stops naming new texts at its limit, and keeps the names it gave", () => {
    const name = createStatementNamer("t", 2);
    const a = name("SELECT $1", 1);
    const b = name("SELECT $1, 2", 1);
    expect(name("SELECT $1, 3", 1)).toBe("");
    expect(name("SELECT $1", 1)).toBe(a);
    expect(name("SELECT $1, 2", 1)).toBe(b);
  });
});
