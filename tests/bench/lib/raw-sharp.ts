// The raw baseline every throughput benchmark divides by: sharp's thumbnail pipeline on the same
// photos from memory, no HTTP, no storage, no database.
import sharp from "sharp";
import { pool } from "./app-server";

/** The best of 1, 2 and 4 parallel raw thumbnail pipelines from memory: no HTTP, no storage, no database. */
export async function rawSharpBaseline(
  files: { bytes: Buffer }[],
): Promise<{ rate: number; parallel: number; cpuSeconds: number }> {
  let best = { rate: 0, parallel: 1, cpuSeconds: 0 };
  for (const parallel of [1, 2, 4]) {
    const cpu = process.cpuUsage();
    const started = performance.now();
    await pool(files, parallel, async (file) => {
      await sharp(file.bytes)
        .rotate()
        .resize({ width: 300, withoutEnlargement: true })
        .jpeg({ quality: 75 })
        .toBuffer();
    });
    const rate = files.length / ((performance.now() - started) / 1000);
    const used = process.cpuUsage(cpu);
    if (rate > best.rate) best = { rate, parallel, cpuSeconds: (used.user + used.system) / 1e6 };
  }
  return best;
}
