import { describe, expect, it } from "vitest";
import {
  bandNeighbours,
  DUPLICATE_BANDS,
  DUPLICATE_MAX_DISTANCE,
  DUPLICATE_SEARCH_RADIUS,
  hammingDistance,
  hashBands,
  sharesNearBand,
} from "@/lib/duplicates/phash-bands";

/** Deterministic pseudo-random generator (mulberry32), so a failure reproduces. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const hex = (value: bigint) => value.toString(16).padStart(16, "0");

function randomHash(next: () => number): string {
  let value = 0n;
  for (let i = 0; i < 4; i++) value = (value << 16n) | BigInt(Math.floor(next() * 65536));
  return hex(value);
}

function flipRandomBits(hash: string, count: number, next: () => number): string {
  const bits = new Set<number>();
  while (bits.size < count) bits.add(Math.floor(next() * 64));
  let value = BigInt(`0x${hash}`);
  for (const bit of bits) value ^= 1n << BigInt(bit);
  return hex(value);
}

describe("perceptual hash bands", () => {
  it("splits the 64-bit hash into 4 bands of 16 bits, most significant first", () => {
    expect(hashBands("0001ffff8000abcd")).toEqual([0x0001, 0xffff, 0x8000, 0xabcd]);
    expect(hashBands("0000000000000000")).toEqual([0, 0, 0, 0]);
    expect(() => hashBands("xyz")).toThrow();
    expect(() => hashBands("0001FFFF8000ABCD")).toThrow();
  });

  it("lists a band value and its 16 one-bit neighbours", () => {
    const neighbours = bandNeighbours(0);
    expect(neighbours).toHaveLength(17);
    expect(neighbours[0]).toBe(0);
    expect(new Set(neighbours).size).toBe(17);
    expect(neighbours.slice(1).sort((a, b) => a - b)).toEqual([...Array(16).keys()].map((bit) => 1 << bit));
    expect(bandNeighbours(0xffff)).toContain(0x7fff);
  });

  it("counts differing bits", () => {
    expect(hammingDistance("0000000000000000", "0000000000000000")).toBe(0);
    expect(hammingDistance("0000000000000000", "ffffffffffffffff")).toBe(64);
    expect(hammingDistance("8000000000000001", "0000000000000000")).toBe(2);
    expect(hammingDistance("00000000000000ff", "000000000000000f")).toBe(4);
  });

  it("the threshold stays within what the band search is sure to find", () => {
    expect(DUPLICATE_BANDS).toBe(4);
    expect(DUPLICATE_SEARCH_RADIUS).toBe(7);
    expect(DUPLICATE_MAX_DISTANCE).toBeLessThanOrEqual(DUPLICATE_SEARCH_RADIUS);
  });

  it("finds every pair within the search radius (pigeonhole), including pairs with every band changed", () => {
    const next = random(12);
    for (let i = 0; i < 2000; i++) {
      const a = randomHash(next);
      const distance = 1 + (i % DUPLICATE_SEARCH_RADIUS);
      const b = flipRandomBits(a, distance, next);
      expect(hammingDistance(a, b)).toBe(distance);
      expect(sharesNearBand(a, b), `${a} ${b}`).toBe(true);
    }
    // 8 bits, two per band: beyond the radius, no band within one bit.
    expect(sharesNearBand("0000000000000000", "0003000300030003")).toBe(false);
  });
});
