/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS file by design (loaded by path, not bundled) */
// Entry of the model-image child process (started under `nice -n 19` by model-image-process.ts). A
// plain CommonJS file loaded by absolute path, as the carteira parse worker's entry: it registers
// tsx and loads the TypeScript task from the source tree.
require("tsx/cjs/api").register();
require("./child-task.ts");
