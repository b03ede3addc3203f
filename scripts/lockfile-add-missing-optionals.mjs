// The npm registry reachable here lacks some platform-specific optional packages (other OSes'
// builds of @next/swc, @swc/core, @tailwindcss/oxide…), so `npm install` leaves them out of
// package-lock.json and `npm ci` then refuses the lock as out of sync. This adds each missing
// optional dependency with its os/cpu, so `npm ci` accepts the lock and skips them on this platform.
// Run after changing dependencies: node scripts/lockfile-add-missing-optionals.mjs
import fs from "node:fs";

const lock = JSON.parse(fs.readFileSync("package-lock.json", "utf8"));
const OS = ["darwin", "win32", "linux", "android", "freebsd", "openbsd", "sunos", "aix", "netbsd", "openharmony"];
const CPU = ["arm64", "x64", "ia32", "arm", "ppc64", "s390x", "riscv64", "loong64", "wasm32", "mips64el"];
let added = 0;
for (const [path, entry] of Object.entries(lock.packages)) {
  for (const [name, spec] of Object.entries(entry.optionalDependencies ?? {})) {
    const base = path === "" ? "" : `${path}/`;
    const candidates = [`${base}node_modules/${name}`, `node_modules/${name}`];
    if (candidates.some((p) => lock.packages[p])) continue;
    const parts = name.split("/").pop().split("-");
    const os = OS.filter((o) => parts.includes(o));
    const cpu = CPU.filter(
      (c) => parts.includes(c) || (c === "arm" && parts.some((p) => p.startsWith("arm") && p !== "arm64")),
    );
    const record = { version: spec.replace(/^[\^~=]/, ""), optional: true };
    if (os.length) record.os = os;
    if (cpu.length) record.cpu = cpu;
    if (parts.includes("musl")) record.libc = ["musl"];
    if (parts.includes("gnu") || parts.some((p) => p.startsWith("gnueabi"))) record.libc = ["glibc"];
    lock.packages[`node_modules/${name}`] = record;
    added += 1;
  }
}
const sorted = Object.fromEntries(
  Object.entries(lock.packages).sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : a.localeCompare(b))),
);
lock.packages = sorted;
fs.writeFileSync("package-lock.json", JSON.stringify(lock, null, 2) + "\n");
console.log(`added ${added} missing optional dependencies to package-lock.json`);
