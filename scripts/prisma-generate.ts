// Generates the Prisma client offline. The CLI wants to download its Rust schema engine first;
// pointing PRISMA_SCHEMA_ENGINE_BINARY at any executable skips that (generate itself is WASM).
import { spawnSync } from "node:child_process";
import path from "node:path";

const stub = process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? "/bin/true";
const prismaCli = path.join(process.cwd(), "node_modules", "prisma", "build", "index.js");
const result = spawnSync(process.execPath, [prismaCli, "generate"], {
  stdio: "inherit",
  env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: stub, PRISMA_HIDE_UPDATE_MESSAGE: "1", CHECKPOINT_DISABLE: "1" },
});
process.exit(result.status ?? 1);
