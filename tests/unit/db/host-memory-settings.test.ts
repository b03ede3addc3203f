import { describe, expect, it } from "vitest";
import { hostMemorySettings } from "@/lib/db/embedded-postgres";

const GB = 1024 ** 3;

describe("hostMemorySettings", () => {
  it("gives shared_buffers a quarter of RAM and effective_cache_size half", () => {
    expect(hostMemorySettings(16 * GB)).toEqual([
      "shared_buffers=4096MB",
      "effective_cache_size=8192MB",
      "maintenance_work_mem=1024MB",
    ]);
    expect(hostMemorySettings(2 * GB)).toEqual([
      "shared_buffers=512MB",
      "effective_cache_size=1024MB",
      "maintenance_work_mem=128MB",
    ]);
  });

  it("caps shared_buffers at 8 GB on a large host", () => {
    expect(hostMemorySettings(128 * GB)[0]).toBe("shared_buffers=8192MB");
  });
});
