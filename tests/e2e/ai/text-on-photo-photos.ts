// `tsx tests/e2e/ai/text-on-photo-photos.ts <out-dir> <json>`: writes the photos of text-on-photo.spec.ts
// (tests/support/tag-photos.ts uses import.meta, which Playwright's CommonJS loader cannot load in a spec).
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { makeProductPhoto, makeTagPhoto, type TagPhotoOptions } from "../../support/tag-photos";

type Spec = { name: string } & (
  { tag: TagPhotoOptions } | { product: { seed: number; width: number; height: number } }
);

async function main() {
  const [outDir, json] = process.argv.slice(2);
  const specs = JSON.parse(json!) as Spec[];
  for (const spec of specs) {
    const jpeg =
      "tag" in spec
        ? await makeTagPhoto(spec.tag)
        : await makeProductPhoto(spec.product.seed, spec.product.width, spec.product.height);
    await writeFile(path.join(outDir!, spec.name), jpeg);
  }
}

void main();
