// A worker process for the AI run kill test: the app's own worker jobs (the AI queue among them)
// in a child process the test can SIGKILL mid-run. Prints READY once its workers are polling.
import { startWorkers } from "@/lib/jobs/start-workers";
import { workerJobs } from "@/lib/server/worker-jobs";

void startWorkers(workerJobs).then(() => process.stdout.write("READY\n"));
