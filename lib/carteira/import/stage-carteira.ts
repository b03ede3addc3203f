// Pure: runs inside the carteira parse worker (relative imports only, no server-only code). Turns a
// carteira into the COPY text of the import's staging table, one row at a time: the rows never all
// exist as objects, only their text does (about the file's size).
import { memoize } from "../../ai/matching/normalize";
import { nameKey } from "../../catalog/name-key";
import { uuidv7 } from "../../db/uuid-v7";
import { normalizeSkuKey } from "../../sku/normalize-sku";
import {
  skuKey,
  streamCarteiraFile,
  type CanonicalField,
  type CarteiraRow,
  type CarteiraSheetLayout,
  type ParseCarteiraInput,
  type SpreadsheetKind,
} from "../parse";
import { MAX_STORED_ISSUES, PRODUCT_TEXT_FIELDS, type ImportIssue, type ProductTextField } from "./types";

/** Columns of the staging table, in COPY order (write-staged.ts creates it). */
export const STAGE_COLUMNS = [
  "ord",
  "sheet",
  "line",
  "sku",
  "sku_key",
  "tmask",
  "nomePeca",
  "categoria",
  "subcategoria",
  "tipoPeca",
  "origem",
  "cor",
  "brand_name",
  "brand_key",
  "collection_name",
  "collection_key",
  "extra",
  "new_id",
] as const;

/** What the reading of a carteira found; its rows went out as COPY text through `emit` on the way. */
export interface StagedCarteira {
  kind: SpreadsheetKind;
  /** Rows staged (rows with a SKU). */
  rows: number;
  /** Data rows of the file (staged + rows without SKU). */
  totalRows: number;
  /** Row problems in file order (errors and warnings, at most MAX_STORED_ISSUES of each), then repeated SKUs. */
  issues: ImportIssue[];
  /** Blocking problems in all (`issues` may hold fewer): any → nothing is imported. */
  errorCount: number;
  /** The brands and collections the rows name, gathered while reading (write-staged.ts upserts them). */
  names: StagedNames;
}

export interface StagedNames {
  /** Each brand once, by name key, with the name of its first row. */
  brands: { key: string; name: string }[];
  /** Each collection once per brand key (null: the row names no brand), with its first row's name and `ord`. */
  collections: { brandKey: string | null; key: string; name: string; ord: number }[];
  /** Rows that name a collection but no brand: without a default brand, the product's brand owns it. */
  collectionRowsWithoutBrand: number;
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

const COPY_ESCAPES: Record<string, string> = { "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r", "\0": "" };
const COPY_SPECIAL = /[\\\t\n\r\0]/g;
const HAS_COPY_SPECIAL = /[\\\t\n\r\0]/;

/** A value in PostgreSQL's COPY text format (NUL, which text columns cannot hold, is dropped). */
export function copyValue(v: string | number | null): string {
  if (v === null) return "\\N";
  const s = typeof v === "number" ? String(v) : v;
  return HAS_COPY_SPECIAL.test(s) ? s.replace(COPY_SPECIAL, (c) => COPY_ESCAPES[c]!) : s;
}

function where(sheet: string, line: number, multiSheet: boolean): string {
  return multiSheet ? `aba "${sheet}", linha ${line}` : `linha ${line}`;
}

/** What one sheet's mapping says about each row of it. */
interface SheetPlan {
  name: string;
  /** Mapped text fields with their index in PRODUCT_TEXT_FIELDS. */
  textFields: [CanonicalField, number][];
  extraFields: CanonicalField[];
  /** Bit i set: the sheet maps a column to PRODUCT_TEXT_FIELDS[i] (an empty cell then clears the field). */
  tmask: number;
}

function planSheet(layout: CarteiraSheetLayout): SheetPlan {
  const mapped = new Set(Object.values(layout.mapping).filter((f): f is CanonicalField => Boolean(f)));
  const textFields = [...mapped].flatMap((f) =>
    TEXT_COLUMN[f] ? [[f, PRODUCT_TEXT_FIELDS.indexOf(TEXT_COLUMN[f]!)] as [CanonicalField, number]] : [],
  );
  const extraFields = [...mapped].filter((f) => !TEXT_COLUMN[f] && f !== "sku" && f !== "marca" && f !== "colecao");
  let tmask = 0;
  for (const [, index] of textFields) tmask |= 1 << index;
  return { name: layout.name, textFields, extraFields, tmask };
}

/** A quarter of a megabyte of COPY text a chunk: the database starts on the first rows while the rest are read. */
const CHUNK_CHARS = 1 << 18;

/**
 * Reads a carteira (the same streaming parse as the preview, mapping applied) into the COPY text of
 * the staging table (tab-separated, `\N` for null), handed to `emit` a chunk at a time as it is
 * read, with the row problems: rows without SKU and SKUs repeated in the file (every occurrence named)
 * are errors that fail the whole import. Only carteira fields are staged.
 */
export function stageCarteira(input: ParseCarteiraInput, emit: (chunk: Uint8Array) => void): StagedCarteira {
  const encoder = new TextEncoder();
  let parts: string[] = [];
  let partChars = 0;
  const flush = () => {
    if (parts.length === 0) return;
    emit(encoder.encode(parts.join("")));
    parts = [];
    partChars = 0;
  };

  const issues: ImportIssue[] = [];
  const kept = { error: 0, warning: 0 };
  let errorCount = 0;
  // A file repeats its few headers, brands and collections on every row: each is quoted or keyed once.
  const jsonKey = memoize((key: string) => `${JSON.stringify(key)}:`);
  const keyOf = memoize(nameKey);
  const sheets: SheetPlan[] = [];
  let plan: SheetPlan | null = null;
  const firstBySkuKey = new Map<string, { sku: string; sheet: string; line: number }>();
  const repeats = new Map<string, { sku: string; occurrences: { sheet: string; line: number }[] }>();
  const brands = new Map<string, string>();
  const collections = new Map<string, StagedNames["collections"][number]>();
  let collectionRowsWithoutBrand = 0;
  let rows = 0;
  let missingSku = 0;
  let lastSheet = "";
  let lastSheetText = "";

  const row = (r: CarteiraRow) => {
    const p = plan!;
    const sku = String(r.fields.sku ?? "").trim();
    if (!sku) return; // a SKU of blanks: reported by the parser as SKU_MISSING
    const dupKey = skuKey(String(r.fields.sku));
    const first = firstBySkuKey.get(dupKey);
    if (first) {
      const group = repeats.get(dupKey);
      if (group) group.occurrences.push({ sheet: r.sheet, line: r.line });
      else repeats.set(dupKey, { sku: first.sku, occurrences: [first, { sheet: r.sheet, line: r.line }] });
    } else firstBySkuKey.set(dupKey, { sku: String(r.fields.sku), sheet: r.sheet, line: r.line });

    const text: (string | null)[] = [null, null, null, null, null, null];
    for (const [field, index] of p.textFields) text[index] = toText(r.fields[field]);
    // The `extra` jsonb written member by member: the row's unmapped columns, then the mapped fields kept
    // as extras (a key named twice keeps its last value, as jsonb does).
    let extra = "{";
    for (const key in r.extras)
      extra += `${extra.length > 1 ? "," : ""}${jsonKey(key)}${JSON.stringify(r.extras[key])}`;
    for (const f of p.extraFields) {
      const v = r.fields[f];
      if (v !== undefined && v !== "") extra += `${extra.length > 1 ? "," : ""}${jsonKey(f)}${JSON.stringify(v)}`;
    }
    extra += "}";
    const brand = toText(r.fields.marca);
    const brandKey = brand ? keyOf(brand) : "";
    const collection = toText(r.fields.colecao);
    const collectionKey = collection ? keyOf(collection) : "";
    if (brandKey && !brands.has(brandKey)) brands.set(brandKey, brand!);
    if (collectionKey) {
      if (!brandKey) collectionRowsWithoutBrand++;
      const owned = `${brandKey}\t${collectionKey}`;
      if (!collections.has(owned))
        collections.set(owned, { brandKey: brandKey || null, key: collectionKey, name: collection!, ord: rows });
    }
    const sheetText = r.sheet === lastSheet ? lastSheetText : copyValue((lastSheet = r.sheet));
    lastSheetText = sheetText;
    const line =
      `${rows}\t${sheetText}\t${r.line}\t${copyValue(sku)}\t${copyValue(normalizeSkuKey(sku))}\t${p.tmask}\t` +
      `${copyValue(text[0]!)}\t${copyValue(text[1]!)}\t${copyValue(text[2]!)}\t${copyValue(text[3]!)}\t` +
      `${copyValue(text[4]!)}\t${copyValue(text[5]!)}\t${copyValue(brandKey ? brand : null)}\t${copyValue(brandKey || null)}\t` +
      `${copyValue(collectionKey ? collection : null)}\t${copyValue(collectionKey || null)}\t${copyValue(extra)}\t${uuidv7()}`;
    parts.push(line, "\n");
    partChars += line.length + 1;
    if (partChars >= CHUNK_CHARS) flush();
    rows++;
  };

  const { kind } = streamCarteiraFile(input, {
    sheet: (layout) => sheets.push((plan = planSheet(layout))),
    row,
    error: (e) => {
      if (e.code === "SKU_MISSING") missingSku++;
      if (e.severity === "error") errorCount++;
      if (kept[e.severity]++ >= MAX_STORED_ISSUES) return;
      issues.push({
        sheet: e.sheet,
        line: e.line,
        code: e.code,
        message: e.message,
        params: e.params,
        severity: e.severity,
      });
    },
  });
  flush();

  const multiSheet = sheets.length > 1;
  let repeated = 0;
  for (const dup of repeats.values()) {
    const all = dup.occurrences.map((o) => where(o.sheet, o.line, multiSheet)).join(", ");
    for (const o of dup.occurrences.slice(1)) {
      errorCount++;
      if (repeated++ >= MAX_STORED_ISSUES) continue;
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
  return {
    kind,
    rows,
    totalRows: rows + missingSku,
    issues,
    errorCount,
    names: {
      brands: [...brands].map(([key, name]) => ({ key, name })),
      collections: [...collections.values()],
      collectionRowsWithoutBrand,
    },
  };
}
