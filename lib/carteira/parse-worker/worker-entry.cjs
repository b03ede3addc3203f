/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS file by design (loaded by path, not bundled) */
// Entry of the carteira parse worker thread. A plain CommonJS file loaded by absolute path, so the
// Next.js bundle never has to contain it: it registers tsx (already what runs the launcher, the job
// worker and scripts) and loads the TypeScript parse task from the source tree.
require("tsx/cjs/api").register();
require("./parse-tasks.ts");
