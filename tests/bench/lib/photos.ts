// The real photos the ingest and URL benchmarks share: Debian wallpaper packages (1–24 MP JPEGs),
// fetched with `apt-get download` into tests/bench/photos when no folder is given.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

function fetchDebianPhotos(target: string): void {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "vitrine-photos-"));
  for (const pkg of ["mate-backgrounds", "ukui-wallpapers", "lomiri-wallpapers-20.04"]) {
    execFileSync("apt-get", ["download", pkg], { cwd: work, stdio: "ignore" });
  }
  for (const deb of fs.readdirSync(work).filter((f) => f.endsWith(".deb")))
    execFileSync("dpkg", ["-x", path.join(work, deb), path.join(work, "x")]);
  fs.mkdirSync(target, { recursive: true });
  for (const file of fs.readdirSync(path.join(work, "x"), { recursive: true }) as string[]) {
    if (/\.jpe?g$/i.test(file)) fs.copyFileSync(path.join(work, "x", file), path.join(target, path.basename(file)));
  }
  fs.rmSync(work, { recursive: true, force: true });
}

export function loadPhotos(
  dir = path.join(process.cwd(), "tests", "bench", "photos"),
): { name: string; bytes: Buffer }[] {
  if (!fs.existsSync(dir) || fs.readdirSync(dir).length === 0) {
    console.log(`Fetching Debian wallpaper packages into ${dir} …`);
    fetchDebianPhotos(dir);
  }
  return fs
    .readdirSync(dir)
    .filter((f) => /\.(jpe?g|png|webp)$/i.test(f))
    .sort()
    .map((name) => ({ name, bytes: fs.readFileSync(path.join(dir, name)) }));
}
