/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS file by design (loaded by path, not bundled) */
// Entry of the OCR child process (started under `nice -n 19` by ocr-in-child.ts). A plain CommonJS
// file loaded by absolute path, as the model-image child's entry: tesseract.js starts its own worker
// thread from node_modules, which breaks once bundled by Next, so it never is.
require("tsx/cjs/api").register();
require("./child-task.ts");
