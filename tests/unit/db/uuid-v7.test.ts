import { describe, expect, it } from "vitest";
import { uuidv7 } from "@/lib/db/uuid-v7";

const V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("uuidv7", () => {
  it("is a version-7 RFC 9562 UUID carrying the millisecond timestamp", () => {
    const now = Date.UTC(2026, 11, 1, 12, 0, 0, 123);
    const id = uuidv7(now);
    expect(id).toMatch(V7);
    expect(parseInt(id.replace(/-/g, "").slice(0, 12), 16)).toBe(now);
  });

  it("is strictly increasing within one millisecond and when the clock steps back", () => {
    const now = Date.UTC(2030, 0, 1);
    const ids = [...Array.from({ length: 10_000 }, () => uuidv7(now)), uuidv7(now - 5_000), uuidv7(now + 60_000)];
    for (let i = 1; i < ids.length; i++) expect(ids[i]! > ids[i - 1]!, `${ids[i - 1]} < ${ids[i]}`).toBe(true);
    expect(ids.every((id) => V7.test(id))).toBe(true);
  });
});
