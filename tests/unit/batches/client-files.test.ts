import { describe, expect, it } from "vitest";
import {
  prepareFiles,
  prepareFilesInSlices,
  relativePathOf,
  uploadIdFor,
  validateImageFile,
} from "@/lib/browser/uploads/client-files";

const MB = 1024 * 1024;
const file = (
  name: string,
  extra: Partial<{ size: number; type: string; path: string; webkitRelativePath: string; lastModified: number }> = {},
) => ({
  name,
  size: 1000,
  type: "",
  lastModified: 1_700_000_000_000,
  ...extra,
});

describe("relativePathOf", () => {
  it.each([
    [file("a.jpg", { path: "./VERAO25/VD24-0123/a.jpg" }), "VERAO25/VD24-0123/a.jpg"],
    [file("a.jpg", { path: "/VERAO25/a.jpg" }), "VERAO25/a.jpg"],
    [file("a.jpg", { webkitRelativePath: "PASTA/a.jpg" }), "PASTA/a.jpg"],
    [file("a.jpg", { path: "./a.jpg" }), "a.jpg"],
    [file("a.jpg"), "a.jpg"],
    [file("a.jpg", { path: "PASTA\\sub\\a.jpg" }), "PASTA/sub/a.jpg"],
  ])("%o → %s", (input, expected) => expect(relativePathOf(input)).toBe(expected));
});

describe("validateImageFile", () => {
  it.each([
    ["foto.JPG", {}, null],
    ["foto.jpeg", {}, null],
    ["foto.heic", {}, null],
    ["foto.tif", {}, null],
    ["foto.avif", {}, null],
    ["planilha.xlsx", {}, "UNSUPPORTED_TYPE"],
    ["leia-me", { type: "text/plain" }, "UNSUPPORTED_TYPE"],
    ["sem-extensao", { type: "image/png" }, null],
    ["vazio.jpg", { size: 0 }, "EMPTY_FILE"],
    ["grande.jpg", { size: 50 * MB + 1 }, "TOO_LARGE"],
    ["limite.jpg", { size: 50 * MB }, null],
  ] as const)("%s → %s", (name, extra, expected) =>
    expect(validateImageFile(file(name, extra), 50 * MB)).toBe(expected),
  );
});

describe("uploadIdFor", () => {
  const f = file("VD24-0001_FRENTE.jpg", { path: "./VERAO/VD24-0001_FRENTE.jpg", size: 12345 });
  it("is deterministic for the same batch, path, size and mtime", () => {
    expect(uploadIdFor("b1", f)).toBe(uploadIdFor("b1", { ...f }));
    expect(uploadIdFor("b1", f)).toMatch(/^u[0-9a-f]{32}$/);
  });
  it("changes with the batch, the path, the size or the modification time", () => {
    const base = uploadIdFor("b1", f);
    expect(uploadIdFor("b2", f)).not.toBe(base);
    expect(uploadIdFor("b1", { ...f, path: "./OUTRA/VD24-0001_FRENTE.jpg" })).not.toBe(base);
    expect(uploadIdFor("b1", { ...f, size: 12346 })).not.toBe(base);
    expect(uploadIdFor("b1", { ...f, lastModified: 1 })).not.toBe(base);
  });
  it("has no collisions over 20,000 paths", () => {
    const ids = new Set<string>();
    for (let i = 0; i < 20_000; i++) ids.add(uploadIdFor("b", file(`x${i}.jpg`, { path: `D/${i}/x.jpg` })));
    expect(ids.size).toBe(20_000);
  });
});

describe("prepareFiles", () => {
  it("splits accepted, rejected (with reason) and ignored system files, de-duplicating repeats", () => {
    const a = file("a.jpg", { path: "./P/a.jpg" });
    const result = prepareFiles(
      "b",
      [
        a,
        { ...a },
        file("b.txt", { path: "./P/b.txt" }),
        file(".DS_Store", { path: "./P/.DS_Store" }),
        file("c.png", { size: 0 }),
      ],
      50 * MB,
    );
    expect(result.accepted.map((u) => u.relativePath)).toEqual(["P/a.jpg"]);
    expect(result.rejected.map((u) => [u.relativePath, u.error.code])).toEqual([
      ["P/b.txt", "UNSUPPORTED_TYPE"],
      ["c.png", "EMPTY_FILE"],
    ]);
    expect(result.ignored).toBe(1);
  });
});

describe("prepareFilesInSlices", () => {
  const files = Array.from({ length: 100 }, (_, i) => {
    const name = i === 7 ? ".DS_Store" : i === 8 ? "notas.txt" : `VD24-${String(i).padStart(4, "0")}.jpg`;
    return { name, size: 1000 + i, lastModified: 1, webkitRelativePath: `PASTA/${name}` };
  });

  it("gives the same answer as prepareFiles, in slices that yield to the event loop with progress", async () => {
    let clock = 0;
    let yields = 0;
    const progress: number[] = [];
    const sliced = await prepareFilesInSlices("b1", files, 5000, {
      sliceMs: 25,
      // Each clock read costs 10 ms: a slice of 25 ms holds 3 reads, i.e. 48 files (read every 16).
      now: () => (clock += 10),
      yieldToEventLoop: async () => void yields++,
      onProgress: (done, total) => progress.push(done * 1000 + total),
    });
    const whole = prepareFiles("b1", files, 5000);
    expect(sliced.accepted.map((u) => u.uploadId)).toEqual(whole.accepted.map((u) => u.uploadId));
    expect(sliced.rejected.map((u) => u.error.code)).toEqual(["UNSUPPORTED_TYPE"]);
    expect(sliced.ignored).toBe(1);
    expect(progress.map((p) => Math.floor(p / 1000))).toEqual([48, 96, 100]);
    expect(progress.every((p) => p % 1000 === 100)).toBe(true);
    expect(yields).toBe(2);
  });

  it("stops when aborted", async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(prepareFilesInSlices("b1", files, 5000, { signal: controller.signal })).rejects.toThrow("Aborted");
  });
});
