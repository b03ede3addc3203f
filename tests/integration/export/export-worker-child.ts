// A worker process for the export job kill test: the real export handler over the real local store,
// read slowly (so the test can SIGKILL it mid-file). Prints READY once its worker is polling.
import { Readable } from "node:stream";
import { exportJobHandler } from "@/lib/export/jobs/export-job-handler";
import { startWorkers } from "@/lib/jobs/start-workers";
import { getStorage, setStorage } from "@/lib/storage/get-storage";

// The writers hand the store one chunk per page of 1,000 rows: 8 chunks for the test's 8,000 rows,
// so each waits long enough for the test to see progress and kill the process before the end.
const CHUNK_DELAY_MS = 1_000;
const real = getStorage();
setStorage({
  ...real,
  driver: real.driver,
  put: (key, body, opts) =>
    Buffer.isBuffer(body)
      ? real.put(key, body, opts)
      : real.put(
          key,
          Readable.from(
            (async function* () {
              for await (const chunk of body) {
                await new Promise((resolve) => setTimeout(resolve, CHUNK_DELAY_MS));
                yield chunk as Buffer;
              }
            })(),
          ),
          opts,
        ),
});

void startWorkers({ handlers: [exportJobHandler] }).then(() => process.stdout.write("READY\n"));
