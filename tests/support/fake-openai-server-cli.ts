/**
 * Starts the fake OpenAI server in its own process (Playwright e2e, `npm run bench:ai`) and prints
 * `FAKE_OPENAI_URL=<base URL incl. /v1>` on stdout once it listens. Flags win over env:
 *   --port N (FAKE_OPENAI_PORT, default 0 = free)   --latency-ms N (FAKE_OPENAI_LATENCY_MS)
 *   --rpm N (FAKE_OPENAI_RPM)   --tpm N (FAKE_OPENAI_TPM)   --json-mode-only (FAKE_OPENAI_JSON_MODE_ONLY=1)
 *   --no-batch (FAKE_OPENAI_BATCH=0)   --batch-polls N (FAKE_OPENAI_BATCH_POLLS)
 * Other processes read the request log at GET <origin>/__fake/requests and change the behaviour
 * with POST <origin>/__fake/behaviour (a partial FakeOpenAiBehaviour as JSON).
 *   npx tsx tests/support/fake-openai-server-cli.ts --port 4010 --rpm 600 --latency-ms 1000
 */
import { parseArgs } from "node:util";
import { startFakeOpenAiServer, type FakeOpenAiOptions } from "./fake-openai-server";

const { values } = parseArgs({
  options: {
    port: { type: "string" },
    "latency-ms": { type: "string" },
    rpm: { type: "string" },
    tpm: { type: "string" },
    "json-mode-only": { type: "boolean" },
    "no-batch": { type: "boolean" },
    "batch-polls": { type: "string" },
  },
});

function numberOf(flag: string | undefined, envName: string): number | undefined {
  const raw = flag ?? process.env[envName];
  if (raw === undefined || raw === "") return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${envName} / flag must be a non-negative number: ${raw}`);
  return value;
}

const isTrue = (v: string | undefined) => v === "1" || v === "true" || v === "yes";

const options: FakeOpenAiOptions = {
  port: numberOf(values.port, "FAKE_OPENAI_PORT") ?? 0,
  latencyMs: numberOf(values["latency-ms"], "FAKE_OPENAI_LATENCY_MS") ?? 0,
  requestsPerMinute: numberOf(values.rpm, "FAKE_OPENAI_RPM") ?? null,
  tokensPerMinute: numberOf(values.tpm, "FAKE_OPENAI_TPM") ?? null,
  jsonModeOnly: values["json-mode-only"] ?? isTrue(process.env.FAKE_OPENAI_JSON_MODE_ONLY),
  batchApi: !(values["no-batch"] ?? process.env.FAKE_OPENAI_BATCH === "0"),
  batchPollsToComplete: numberOf(values["batch-polls"], "FAKE_OPENAI_BATCH_POLLS") ?? 2,
};

async function main(): Promise<void> {
  const server = await startFakeOpenAiServer(options);
  process.stdout.write(`FAKE_OPENAI_URL=${server.url}\n`);
  const stop = () => {
    void server.close().finally(() => process.exit(0));
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
