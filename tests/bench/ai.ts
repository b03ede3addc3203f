// `npm run bench:ai`: AI analysis through the app against the local OpenAI-compatible server
// (tests/support/fake-openai-server.ts, 127.0.0.1) configured like a real account: BENCH_AI_RPM
// requests/min per key (default 600) with ~BENCH_AI_LATENCY_MS latency (default 1000) and 429 +
// Retry-After beyond the limit. It ingests BENCH_AI_IMAGES photos (default 2,000), analyses them all
// in one run, and prints: achieved requests/min ÷ the limit (target ≥ 0.9), 429s received, requests
// sent on a key before its Retry-After expired (target 0), p50/p95 per image, and the ingest
// throughput of a batch uploaded while the run goes on ÷ the same batch alone (target ≥ 0.9).
import http from "node:http";
import sharp from "sharp";
import { startFakeOpenAiServer } from "../support/fake-openai-server";
import {
  apiJson,
  ensureProductionBuild,
  percentile,
  pool,
  postMultipart,
  uniqueJpegCopy,
  startBenchServer,
  type BenchServer,
} from "./lib/app-server";
import { mulberry32 } from "./lib/prng";

const IMAGES = Number(process.env.BENCH_AI_IMAGES ?? 2_000);
const RPM = Number(process.env.BENCH_AI_RPM ?? 600);
const LATENCY_MS = Number(process.env.BENCH_AI_LATENCY_MS ?? 1_000);
/** Photos of the ingest batch timed alone and then during the run. */
const INGEST_FILES = Number(process.env.BENCH_AI_INGEST_FILES ?? 300);
const UPLOAD_CONCURRENCY = 4;
/** Files per distinct picture (≈ 145 ms to draw one on this host); BENCH_AI_COPIES=65 is the old 40-picture set. */
const COPIES_PER_PHOTO = Number(process.env.BENCH_AI_COPIES ?? 8);
/** Enough requests in flight to reach the limit at this latency, with room for slow answers. */
const AI_CONCURRENCY = Number(
  process.env.AI_WORKER_CONCURRENCY ?? Math.max(4, Math.ceil(((RPM / 60) * LATENCY_MS) / 1000) * 2),
);

/**
 * `count` distinct studio-like photos (~1600×2000): a light background and a garment of its own
 * shape, place and colour, with a shared texture. The batches use each one COPIES_PER_PHOTO times
 * (other bytes, same picture: near-duplicates, as re-exports are). With 40 photos for 2,600 files,
 * each file had 64 near-duplicates, and the duplicate check's millions of pairs were most of what
 * the benchmark measured (and not the same amount in each phase).
 */
async function syntheticPhotos(count: number): Promise<Buffer[]> {
  const random = mulberry32(13);
  const texture = await sharp({
    create: {
      width: 1600,
      height: 2000,
      channels: 3,
      background: "#808080",
      noise: { type: "gaussian", mean: 128, sigma: 24 },
    },
  })
    .png()
    .toBuffer();
  const between = (low: number, high: number) => Math.round(low + random() * (high - low));
  const shapes = Array.from({ length: count }, () => {
    const [r, g, b] = [0, 1, 2].map(() => Math.floor(random() * 255));
    const cx = between(560, 1040);
    const half = between(160, 360);
    const top = between(180, 520);
    const bottom = between(1300, 1900);
    const sleeve = between(80, 420);
    const sleeveDrop = between(120, 700);
    const waist = between(-120, 160);
    const neck = between(40, 140);
    return `<svg xmlns="http://www.w3.org/2000/svg" width="1600" height="2000">
      <rect width="1600" height="2000" fill="rgb(236,234,230)"/>
      <path d="M${cx - half} ${top} L${cx + half} ${top} L${cx + half + sleeve} ${top + sleeveDrop} L${cx + half + sleeve - 110} ${top + sleeveDrop + 70}
        L${cx + half - waist} ${top + 400} L${cx + half + waist / 2} ${bottom} L${cx - half - waist / 2} ${bottom} L${cx - half + waist} ${top + 400}
        L${cx - half - sleeve + 110} ${top + sleeveDrop + 70} L${cx - half - sleeve} ${top + sleeveDrop} Z" fill="rgb(${r},${g},${b})"/>
      <circle cx="${cx}" cy="${top + 10}" r="${neck}" fill="rgb(236,234,230)"/></svg>`;
  });
  const photos: Buffer[] = new Array(count);
  await pool(
    Array.from({ length: count }, (_, i) => i),
    4,
    async (i) => {
      photos[i] = await sharp(Buffer.from(shapes[i]!))
        .composite([{ input: texture, blend: "soft-light" }])
        .jpeg({ quality: 85 })
        .toBuffer();
    },
  );
  return photos;
}

type Progress = { processed: number; failed: number };

/** Uploads `count` files into a new started batch and returns images/s from the first upload to the last processed photo. */
async function ingestBatch(server: BenchServer, name: string, files: Buffer[], count: number, offset: number) {
  const batch = await apiJson<{ id: string }>(server, "POST", "/api/v1/batches", { name });
  const agent = new http.Agent({ keepAlive: true, maxSockets: UPLOAD_CONCURRENCY });
  const url = new URL(`${server.base}/api/v1/batches/${batch.id}/files`);
  const started = performance.now();
  let startedBatch = false;
  await pool(
    Array.from({ length: count }, (_, i) => i),
    UPLOAD_CONCURRENCY,
    async (i) => {
      const bytes = uniqueJpegCopy(files[(offset + i) % files.length]!, offset + i);
      const res = await postMultipart(agent, url, server.token, `${name}-${String(i).padStart(5, "0")}_01.jpg`, bytes);
      if (res.status !== 200) throw new Error(`upload failed: ${res.status} ${res.body}`);
      if (!startedBatch) {
        startedBatch = true;
        await apiJson(server, "POST", `/api/v1/batches/${batch.id}/start`);
      }
    },
  );
  agent.destroy();
  for (;;) {
    const progress = await apiJson<Progress>(server, "GET", `/api/v1/batches/${batch.id}/progress`);
    if (progress.processed + progress.failed >= count) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  return { batchId: batch.id, rate: count / ((performance.now() - started) / 1000) };
}

async function main() {
  ensureProductionBuild();
  const fake = await startFakeOpenAiServer({ requestsPerMinute: RPM, latencyMs: LATENCY_MS });
  const generating = performance.now();
  const photos = await syntheticPhotos(Math.ceil((IMAGES + 2 * INGEST_FILES) / COPIES_PER_PHOTO));
  console.log(
    `${photos.length} distinct photos generated in ${((performance.now() - generating) / 1000).toFixed(1)} s`,
  );
  const server = await startBenchServer({
    OPENAI_BASE_URL: fake.url,
    OPENAI_API_KEY: "sk-bench-key-0001",
    AI_REQUESTS_PER_MINUTE: String(RPM),
    // The local server limits requests only; the app's default token budget (200,000/min) would
    // otherwise be the limit here (measured: a 39 s pause once ~270 requests had used it).
    AI_TOKENS_PER_MINUTE: "100000000",
    AI_WORKER_CONCURRENCY: String(AI_CONCURRENCY),
  });
  try {
    console.log(`Ingesting ${IMAGES} photos to analyse …`);
    const target = await ingestBatch(server, "bench-ai", photos, IMAGES, 0);
    console.log(`Ingest alone: ${INGEST_FILES} photos …`);
    const alone = await ingestBatch(server, "bench-ingest-alone", photos, INGEST_FILES, IMAGES);

    const fields = ["descricao", "tags", "cor", "tipo", "material", "estilo", "pecas"];
    const runStarted = Date.now();
    const isControl = process.env.BENCH_AI_CONTROL === "1";
    if (isControl) {
      // The yardstick's own drift: the second batch as long after the first, with no run at all.
      await new Promise((r) => setTimeout(r, 15_000));
      const again = await ingestBatch(server, "bench-ingest-control", photos, INGEST_FILES, IMAGES + INGEST_FILES);
      console.log(
        `control, no run: ${alone.rate.toFixed(2)} / ${again.rate.toFixed(2)} images/s → ratio ${(again.rate / alone.rate).toFixed(2)}`,
      );
      return;
    }
    const run = await apiJson<{ id: string; total: number }>(server, "POST", "/api/v1/ai/runs", {
      selection: { filter: { batchId: target.batchId } },
      fields,
      mode: "now",
    });
    const createdIn = (Date.now() - runStarted) / 1000;
    // The same batch size again while the run is busy (after the run has reached its pace).
    await new Promise((r) => setTimeout(r, 15_000));
    console.log(`Ingest during the run: ${INGEST_FILES} photos …`);
    const duringFrom = (Date.now() - runStarted) / 1000;
    const during = await ingestBatch(server, "bench-ingest-during", photos, INGEST_FILES, IMAGES + INGEST_FILES);
    const duringTo = (Date.now() - runStarted) / 1000;
    type RunDetail = { status: string; succeeded: number; failed: number; total: number; pending: number };
    let detail: RunDetail;
    for (;;) {
      detail = await apiJson<RunDetail>(server, "GET", `/api/v1/ai/runs/${run.id}`);
      if (["COMPLETED", "FAILED", "CANCELLED", "PAUSED"].includes(detail.status)) break;
      await new Promise((r) => setTimeout(r, 1_000));
    }
    const runSeconds = (Date.now() - runStarted) / 1000;

    // Per-image time from the run's log (claim → written), every page of it.
    const durations: number[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { durationMs: number | null }[]; nextCursor: string | null } = await apiJson(
        server,
        "GET",
        `/api/v1/ai/runs/${run.id}/items?limit=500${cursor ? `&cursor=${cursor}` : ""}`,
      );
      for (const item of page.items) if (item.durationMs !== null) durations.push(item.durationMs);
      cursor = page.nextCursor;
    } while (cursor);

    // The provider's side: requests, 429s, and requests on a key whose Retry-After had not expired.
    const chats = fake.chatRequests().filter((r) => r.at >= runStarted);
    const answered = chats.filter((r) => r.status === 200);
    const limited = chats.filter((r) => r.status === 429);
    let early = 0;
    for (const hit of limited) {
      const until = hit.at + (hit.retryAfterSeconds ?? 0) * 1000;
      early += chats.filter((r) => r.apiKey === hit.apiKey && r.at > hit.at && r.at < until).length;
    }
    // Requests in flight at the provider, sampled at each arrival (answers take ~LATENCY_MS).
    let maxInFlight = 0;
    let sumInFlight = 0;
    for (const r of answered) {
      const inFlight = answered.filter((o) => o.at <= r.at && o.at + LATENCY_MS > r.at).length;
      maxInFlight = Math.max(maxInFlight, inFlight);
      sumInFlight += inFlight;
    }
    const gaps = answered.slice(1).map((r, i) => r.at - answered[i]!.at);
    // Where the provider sat idle (a gap over 1 s), by seconds since the run started.
    const idle = answered
      .slice(1)
      .map((r, i) => ({ at: (answered[i]!.at - runStarted) / 1000, ms: r.at - answered[i]!.at }))
      .filter((g) => g.ms > 1_000);
    // Achieved pace over the busy span (first to last request), not counting the tail's latency.
    const span = (answered.at(-1)!.at - answered[0]!.at) / 60_000;
    const achievedRpm = (answered.length - 1) / span;
    const rows: [string, string][] = [
      ["photos analysed / failed / run status", `${detail.succeeded} / ${detail.failed} / ${detail.status}`],
      ["provider limit / latency", `${RPM} requests/min per key / ${LATENCY_MS} ms`],
      ["AI requests in flight (AI_WORKER_CONCURRENCY)", String(AI_CONCURRENCY)],
      ["run wall time", `${runSeconds.toFixed(1)} s`],
      ["achieved requests/min ÷ limit", `${achievedRpm.toFixed(0)} ÷ ${RPM} = ${(achievedRpm / RPM).toFixed(3)}`],
      [
        "requests in flight at the provider, mean / max",
        `${(sumInFlight / Math.max(1, answered.length)).toFixed(1)} / ${maxInFlight}`,
      ],
      [
        "gap between requests p50 / p95",
        `${percentile(gaps, 50).toFixed(0)} ms / ${percentile(gaps, 95).toFixed(0)} ms`,
      ],
      [
        "provider idle over 1 s (count, total, where)",
        `${idle.length}, ${(idle.reduce((t, g) => t + g.ms, 0) / 1000).toFixed(1)} s, ${idle
          .slice(0, 12)
          .map((g) => `${g.ms} ms at ${g.at.toFixed(0)} s`)
          .join("; ")}`,
      ],
      [
        "run created (POST answered) / first / last request, ingest during (s after start)",
        `${createdIn.toFixed(1)} / ${((answered[0]!.at - runStarted) / 1000).toFixed(1)} / ${((answered.at(-1)!.at - runStarted) / 1000).toFixed(1)}, ${duringFrom.toFixed(1)}–${duringTo.toFixed(1)}`,
      ],
      [
        "requests while the second batch was ingested (per s)",
        (() => {
          const n = answered.filter(
            (r) => r.at >= runStarted + duringFrom * 1000 && r.at <= runStarted + duringTo * 1000,
          ).length;
          return `${n} (${(n / (duringTo - duringFrom)).toFixed(1)}/s)`;
        })(),
      ],
      ["429s received", String(limited.length)],
      ["requests before a Retry-After expired", String(early)],
      [
        "per image p50 / p95 (claim → written)",
        `${(percentile(durations, 50) / 1000).toFixed(2)} s / ${(percentile(durations, 95) / 1000).toFixed(2)} s`,
      ],
      [
        `ingest of ${INGEST_FILES} photos alone / during the run`,
        `${alone.rate.toFixed(2)} / ${during.rate.toFixed(2)} images/s → ratio ${(during.rate / alone.rate).toFixed(2)}`,
      ],
      ["ingest of the analysed photos (before the run)", `${target.rate.toFixed(2)} images/s`],
    ];
    console.log("\nVitrine AI benchmark");
    for (const [k, v] of rows) console.log(`  ${k.padEnd(48)} ${v}`);
  } finally {
    await server.stop();
    await fake.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
