import type { CanonicalField, CarteiraParseResult } from "@/lib/carteira/parse";
import { nameKey } from "@/lib/catalog/name-key";
import { normalizeSkuKey } from "@/lib/sku";
import type { ImportIssue, ProductTextField } from "./types";

/** One carteira row ready to be written: only carteira fields (field separation). */
export interface IncomingProduct {
  sheet: string;
  line: number;
  sku: string;
  skuKey: string;
  /** Keys present = the sheet maps a column to that field; null = the cell is empty (clears it). */
  text: Partial<Record<ProductTextField, string | null>>;
  brandName: string | null;
  collectionName: string | null;
  /** Unmapped columns (by header) and mapped fields without a Product column (by field name). */
  extra: Record<string, string | number>;
}

const TEXT_COLUMN: Partial<Record<CanonicalField, ProductTextField>> = {
  nome_peca: "nomePeca",
  categoria: "categoria",
  subcategoria: "subcategoria",
  tipo_peca: "tipoPeca",
  origem: "origem",
  cor: "cor",
};

const toText = (v: string | number | undefined): string | null => {
  if (v === undefined) return null;
  const s = String(v).trim();
  return s === "" ? null : s;
};

function where(sheet: string, line: number, multiSheet: boolean): string {
  return multiSheet ? `aba "${sheet}", linha ${line}` : `linha ${line}`;
}

/**
 * Parse result → rows to import + issues. Issues with severity "error" make the whole import fail
 * (all-or-nothing): rows without SKU, and SKUs repeated in the file (every occurrence named).
 */
export function buildProductRows(parse: CarteiraParseResult): { rows: IncomingProduct[]; issues: ImportIssue[] } {
  const issues: ImportIssue[] = [];
  const multiSheet = parse.sheets.length > 1;
  for (const sheet of parse.sheets) {
    for (const e of sheet.errors)
      issues.push({
        sheet: e.sheet,
        line: e.line,
        code: e.code,
        message: e.message,
        params: e.params,
        severity: e.severity,
      });
  }
  for (const dup of parse.duplicates) {
    const [first, ...rest] = dup.occurrences;
    if (!first) continue;
    const all = dup.occurrences.map((o) => where(o.sheet, o.line, multiSheet)).join(", ");
    for (const o of rest) {
      issues.push({
        sheet: o.sheet,
        line: o.line,
        code: "DUPLICATE_SKU",
        message: `SKU "${dup.sku}" repetido no arquivo (${all}).`,
        params: { sku: dup.sku },
        severity: "error",
      });
    }
  }

  const rows: IncomingProduct[] = [];
  for (const sheet of parse.sheets) {
    const mapped = new Set(Object.values(sheet.mapping).filter((f): f is CanonicalField => Boolean(f)));
    const textFields = [...mapped].flatMap((f) => (TEXT_COLUMN[f] ? [[f, TEXT_COLUMN[f]!] as const] : []));
    const extraFields = [...mapped].filter((f) => !TEXT_COLUMN[f] && f !== "sku" && f !== "marca" && f !== "colecao");
    for (const row of sheet.rows) {
      const sku = String(row.fields.sku ?? "").trim();
      if (!sku) continue; // reported by the parser as SKU_MISSING
      const text: IncomingProduct["text"] = {};
      for (const [field, column] of textFields) text[column] = toText(row.fields[field]);
      const extra: Record<string, string | number> = { ...row.extras };
      for (const f of extraFields) {
        const v = row.fields[f];
        if (v !== undefined && v !== "") extra[f] = v;
      }
      const brandName = toText(row.fields.marca);
      const collectionName = toText(row.fields.colecao);
      rows.push({
        sheet: row.sheet,
        line: row.line,
        sku,
        skuKey: normalizeSkuKey(sku),
        text,
        brandName: brandName && nameKey(brandName) ? brandName : null,
        collectionName: collectionName && nameKey(collectionName) ? collectionName : null,
        extra,
      });
    }
  }
  return { rows, issues };
}

export function hasBlockingIssues(issues: ImportIssue[]): boolean {
  return issues.some((i) => i.severity === "error");
}
