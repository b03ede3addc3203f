// keysetPages asks one page ahead: the limit still bounds what is asked for, and a consumer that
// stops leaves at most that one query behind.
import { describe, expect, it } from "vitest";
import { keysetPages } from "@/lib/export/export-stream";

const ids = Array.from({ length: 1_000 }, (_, i) => String(i).padStart(4, "0"));

function source() {
  const asked: { after: string | null; limit: number }[] = [];
  const fetchPage = async (after: string | null, limit: number) => {
    asked.push({ after, limit });
    return ids.filter((id) => after === null || id > after).slice(0, limit);
  };
  return { asked, fetchPage };
}

async function collect(pages: AsyncIterable<string[]>) {
  const sizes: number[] = [];
  for await (const page of pages) sizes.push(page.length);
  return sizes;
}

describe("keysetPages", () => {
  it("pages in key order, stops at the short page", async () => {
    const { asked, fetchPage } = source();
    expect(await collect(keysetPages(fetchPage, (id) => id, 300))).toEqual([300, 300, 300, 100]);
    expect(asked.map((a) => a.after)).toEqual([null, "0299", "0599", "0899"]);
  });

  it("asks for no more than the limit in all, page ahead included", async () => {
    const { asked, fetchPage } = source();
    expect(await collect(keysetPages(fetchPage, (id) => id, 100, 250))).toEqual([100, 100, 50]);
    expect(asked.map((a) => a.limit)).toEqual([100, 100, 50]);
    expect(await collect(keysetPages(fetchPage, (id) => id, 100, 200))).toEqual([100, 100]);
    expect(await collect(keysetPages(fetchPage, (id) => id, 100, 0))).toEqual([]);
  });

  it("a consumer that stops after the first page leaves one query ahead and asks nothing more", async () => {
    const { asked, fetchPage } = source();
    for await (const page of keysetPages(fetchPage, (id) => id, 100)) {
      expect(page).toHaveLength(100);
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(asked).toHaveLength(2);
  });

  it("a page ahead that fails after the consumer stopped is not an unhandled rejection", async () => {
    let calls = 0;
    const failing = async (after: string | null, limit: number) => {
      calls++;
      if (calls > 1) throw new Error("connection lost");
      return ids.slice(0, limit);
    };
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", onUnhandled);
    for await (const page of keysetPages(failing, (id) => id, 100)) {
      expect(page).toHaveLength(100);
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
    process.off("unhandledRejection", onUnhandled);
    expect(unhandled).toEqual([]);
    // While consuming, the failure reaches the consumer.
    calls = 0;
    await expect(collect(keysetPages(failing, (id) => id, 100))).rejects.toThrow("connection lost");
  });
});
