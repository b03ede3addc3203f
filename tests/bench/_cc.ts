import fs from "node:fs";
import { copyChunks } from "@/lib/export/copy/copy-export";
import { crlfRows } from "@/lib/export/copy/crlf-rows";
const stmt = fs.readFileSync("/tmp/csv.sql", "utf8").trim();
async function main() {
  const t = performance.now(); let bytes = 0; let n = 0;
  const rows = process.env.IDENT ? (b: Buffer) => ({ bytes: b, length: 0 }) : crlfRows();
  for await (const ch of copyChunks(stmt, rows)) { bytes += ch.bytes.length; n++; }
  console.log(process.env.IDENT ? "identity" : "crlfRows", ((performance.now() - t) / 1000).toFixed(2), "s", (bytes / 2 ** 20).toFixed(0), "MiB", n, "chunks");
}
void main();
