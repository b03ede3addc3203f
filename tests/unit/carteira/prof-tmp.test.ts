import { it } from "vitest";
import { decodeText, parseCsv, parseCarteiraFile } from "@/lib/carteira/parse";
import { bigCsv, utf8 } from "@/tests/fixtures/carteira/build-fixtures";
it("prof", () => {
  const bytes = utf8(bigCsv(100_000), true);
  for (let k = 0; k < 3; k++) {
    let t = performance.now();
    const { text } = decodeText(bytes);
    const t1 = performance.now();
    parseCsv(text);
    const t2 = performance.now();
    parseCarteiraFile({ bytes, filename: "big.csv" });
    const t3 = performance.now();
    console.log(`decode ${(t1 - t).toFixed(0)} papa ${(t2 - t1).toFixed(0)} total ${(t3 - t2).toFixed(0)}`);
  }
});
