import { describe, expect, it } from "vitest";
import { perMinuteSeries, seriesStart } from "@/lib/system/throughput-series";

const now = new Date("2026-12-03T06:30:42.500Z");
const at = (iso: string) => new Date(iso);

describe("per-minute throughput series", () => {
  it("starts 59 minutes before the current minute, so the current (partial) minute is the last point", () => {
    expect(seriesStart(now, 60).toISOString()).toBe("2026-12-03T05:31:00.000Z");
    expect(seriesStart(new Date("2026-12-03T06:30:00.000Z"), 60).toISOString()).toBe("2026-12-03T05:31:00.000Z");
  });

  it("fills every empty minute of every queue with zeros, in order", () => {
    const series = perMinuteSeries([], ["image.process", "ai.run"], now, 60);
    expect(series.queues.map((q) => q.name)).toEqual(["ai.run", "image.process"]);
    for (const queue of series.queues) {
      expect(queue.points).toHaveLength(60);
      expect(queue.points.every((p) => p.completed === 0 && p.failed === 0)).toBe(true);
      expect(queue.points[0]!.minute).toBe("2026-12-03T05:31:00.000Z");
      expect(queue.points[59]!.minute).toBe("2026-12-03T06:30:00.000Z");
    }
    expect(series.total).toHaveLength(60);
  });

  it("puts each row in its minute, sums the queues into the total and ignores rows outside the window", () => {
    const series = perMinuteSeries(
      [
        { queue: "image.process", minute: at("2026-12-03T06:30:00Z"), completed: 7, failed: 1 },
        { queue: "image.process", minute: at("2026-12-03T05:31:00Z"), completed: 2, failed: 0 },
        { queue: "batch.url-chunk", minute: at("2026-12-03T06:30:00Z"), completed: 3, failed: 2 },
        { queue: "image.process", minute: at("2026-12-03T05:30:00Z"), completed: 99, failed: 99 },
        { queue: "image.process", minute: at("2026-12-03T06:31:00Z"), completed: 99, failed: 99 },
      ],
      ["image.process"],
      now,
      60,
    );
    const image = series.queues.find((q) => q.name === "image.process")!.points;
    const chunk = series.queues.find((q) => q.name === "batch.url-chunk")!.points;
    expect(image[59]).toEqual({ minute: "2026-12-03T06:30:00.000Z", completed: 7, failed: 1 });
    expect(image[0]).toEqual({ minute: "2026-12-03T05:31:00.000Z", completed: 2, failed: 0 });
    expect(image.slice(1, 59).every((p) => p.completed === 0 && p.failed === 0)).toBe(true);
    expect(chunk[59]).toEqual({ minute: "2026-12-03T06:30:00.000Z", completed: 3, failed: 2 });
    expect(series.total[59]).toEqual({ minute: "2026-12-03T06:30:00.000Z", completed: 10, failed: 3 });
    expect(series.total.reduce((sum, p) => sum + p.completed + p.failed, 0)).toBe(15);
  });
});
