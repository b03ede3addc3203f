// A worker process for the generation kill test: the app's own worker jobs (the generation queue
// among them) in a child process the test can SIGKILL mid-job. Prints READY once its workers poll.
import { startWorkers } from "@/lib/jobs/start-workers";
import { workerJobs } from "@/lib/server/worker-jobs";

void startWorkers(workerJobs).then(() => process.stdout.write("READY\n"));
