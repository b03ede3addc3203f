import "server-only";

/**
 * The columns of a URL list (pure): which delimiter a CSV uses, whether its first row is a header
 * and where the `url`, `sku`, `path` and `name` columns are. A list without a header is read as
 * `url[,sku[,path[,name]]]`? No: without a header only the first column is read, as the URL.
 */
export type ListDelimiter = "," | ";" | "\t" | "|" | null;

export type ListColumns = { url: number; sku: number | null; path: number | null; name: number | null };

/** Header names (normalised: lower case, no accents, `_` for spaces and dashes) of each column. */
const SYNONYMS: Record<keyof ListColumns, readonly string[]> = {
  url: [
    "url",
    "urls",
    "link",
    "links",
    "href",
    "src",
    "image",
    "image_url",
    "imageurl",
    "imagem",
    "url_imagem",
    "url_da_imagem",
    "foto",
    "url_foto",
    "photo",
    "photo_url",
  ],
  sku: ["sku", "referencia", "ref", "codigo", "cod", "codigo_sku"],
  path: ["path", "caminho", "pasta", "folder", "relative_path", "caminho_relativo"],
  name: ["name", "nome", "filename", "file_name", "arquivo", "nome_arquivo", "nome_do_arquivo"],
};

export function normalizeHeader(cell: string): string {
  return cell
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");
}

/**
 * The delimiter of the list, read from its first line: `;` wins over tab, `|` and `,` when the line
 * has several (a comma is common inside URLs, a semicolon rarely). A line with none of them is a
 * one-column list (a TXT of URLs): every line is read whole, commas included.
 */
export function detectDelimiter(firstLine: string): ListDelimiter {
  const count = (c: string) => firstLine.split(c).length - 1;
  for (const candidate of [";", "\t", "|"] as const) if (count(candidate) > 0) return candidate;
  if (count(",") === 0) return null;
  return ",";
}

const looksLikeUrl = (cell: string) => /:\/\//.test(cell) || /^www\./i.test(cell.trim());

/**
 * The columns named by a header row, or null when `cells` is not a header (the first row is then a
 * line of the list). A row is a header when none of its cells looks like a URL and one of them is a
 * known column name; a header without a URL column throws `"NO_URL_COLUMN"`.
 */
export function columnsFromHeader(cells: readonly string[]): ListColumns | null | "NO_URL_COLUMN" {
  if (cells.some(looksLikeUrl)) return null;
  const names = cells.map(normalizeHeader);
  const find = (key: keyof ListColumns) => {
    const index = names.findIndex((n) => SYNONYMS[key].includes(n));
    return index === -1 ? null : index;
  };
  const found = { url: find("url"), sku: find("sku"), path: find("path"), name: find("name") };
  if (found.url === null && found.sku === null && found.path === null && found.name === null) return null;
  if (found.url === null) return "NO_URL_COLUMN";
  return { ...found, url: found.url };
}

/** Without a header: the first column is the URL, nothing else is read. */
export const FIRST_COLUMN: ListColumns = { url: 0, sku: null, path: null, name: null };
