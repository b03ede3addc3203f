import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

function keys(value: unknown, prefix = ""): string[] {
  if (value === null || typeof value !== "object") return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

const dir = path.join(process.cwd(), "messages");
const files = fs.readdirSync(path.join(dir, "pt-BR")).filter((f) => f.endsWith(".json"));

describe("i18n messages", () => {
  it.each(files)("%s has the same keys in pt-BR and en, all non-empty", (file) => {
    const pt = JSON.parse(fs.readFileSync(path.join(dir, "pt-BR", file), "utf8"));
    const en = JSON.parse(fs.readFileSync(path.join(dir, "en", file), "utf8"));
    expect(keys(en).sort()).toEqual(keys(pt).sort());
    const lookup = (path: string) =>
      path.split(".").reduce<unknown>((o, p) => (o as Record<string, unknown> | undefined)?.[p], pt);
    for (const k of keys(pt)) if (k) expect(String(lookup(k)).length, k).toBeGreaterThan(0);
  });
});
