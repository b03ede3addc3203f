import { describe, expect, it } from "vitest";
import { detailNeighbours } from "@/lib/catalog/detail-neighbours";

const photos = ["a", "b", "c"].map((id) => ({ id }));

describe("detailNeighbours", () => {
  it.each([
    ["the first photo", "a", false, { index: 0, previous: null, next: "b", needsNextPage: false }],
    ["a middle photo", "b", false, { index: 1, previous: "a", next: "c", needsNextPage: false }],
    ["the last photo, nothing more", "c", false, { index: 2, previous: "b", next: null, needsNextPage: false }],
    ["the last loaded photo, more pages", "c", true, { index: 2, previous: "b", next: null, needsNextPage: true }],
    ["a middle photo, more pages", "b", true, { index: 1, previous: "a", next: "c", needsNextPage: false }],
    ["a photo outside the list", "z", true, { index: -1, previous: null, next: null, needsNextPage: false }],
  ])("%s", (_label, id, hasMore, expected) => {
    const moves = detailNeighbours(photos, id, hasMore);
    expect({ ...moves, previous: moves.previous?.id ?? null, next: moves.next?.id ?? null }).toEqual(expected);
  });

  it("has no neighbours in an empty list", () => {
    expect(detailNeighbours([], "a", true)).toEqual({ index: -1, previous: null, next: null, needsNextPage: false });
  });
});
