import "server-only";
import { Readable, Transform, type TransformCallback } from "node:stream";
import { pipeline } from "node:stream/promises";
import { StringDecoder } from "node:string_decoder";
import Papa from "papaparse";
import { ApiError } from "@/lib/api/errors";
import { formatBytes } from "@/lib/carteira/parse/errors";
import type { AllowedHost } from "@/lib/url-fetch/address-policy";
import { classifyListUrl, type UrlVerdict } from "./classify-url";
import { columnsFromHeader, detectDelimiter, FIRST_COLUMN, type ListColumns } from "./list-columns";

export type UrlListLimits = {
  /** Bytes of the file, counted as they stream. */
  maxBytes: number;
  /** Non-empty lines after the header. */
  maxLines: number;
  /** URL_FETCH_ALLOW_HOSTS: literal addresses listed there are not refused at import. */
  allowHosts: readonly AllowedHost[];
};

type Extra = { sku: string | null; path: string | null; name: string | null };

/** One non-empty line of the list, numbered as an editor or a spreadsheet shows it (the header is line 1). */
export type UrlListLine =
  | ({ lineNumber: number; ok: true; url: string } & Extra)
  | ({ lineNumber: number; ok: false; url: string } & Extra & Omit<Extract<UrlVerdict, { ok: false }>, "ok">);

/** Longest optional cell (sku, path, name) and longest stored text of an invalid line (kept under PostgreSQL's index row bound). */
const MAX_CELL = 500;
/** How far the first line is looked for to choose the delimiter. */
const HEAD_BYTES = 64 * 1024;
/** Stands for "no delimiter": a one-column list, each line read whole. */
const NO_DELIMITER = "\u0000";

export const listTooLarge = (maxBytes: number) =>
  new ApiError("URL_LIST_TOO_LARGE", `A lista passa do limite de ${formatBytes(maxBytes)}.`, {
    limit: maxBytes,
  });

export const listTooManyLines = (maxLines: number) =>
  new ApiError("URL_LIST_TOO_MANY_LINES", `A lista passa do limite de ${maxLines} linhas.`, { max: maxLines });

/** Bytes → UTF-8 text (a character split across chunks is kept whole), BOM dropped, NUL replaced, size limit enforced. */
function decodeText(maxBytes: number): Transform {
  const decoder = new StringDecoder("utf8");
  let seen = 0;
  let isFirst = true;
  const emit = (stream: Transform, text: string) => {
    if (isFirst && text.length > 0) {
      isFirst = false;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    // PostgreSQL cannot store NUL in text, and it stands for "no delimiter" below: a NUL is never passed on.
    if (text.length > 0) stream.push(text.includes("\u0000") ? text.replaceAll("\u0000", "\uFFFD") : text);
  };
  return new Transform({
    readableObjectMode: true,
    transform(chunk: Buffer, _encoding, done: TransformCallback) {
      seen += chunk.length;
      if (seen > maxBytes) return done(listTooLarge(maxBytes));
      emit(this, decoder.write(chunk));
      done();
    },
    flush(done: TransformCallback) {
      emit(this, decoder.end());
      done();
    },
  });
}

const cell = (value: string | undefined) => {
  const v = (value ?? "").trim();
  return v === "" ? null : v.slice(0, MAX_CELL);
};

/**
 * Streams a CSV or TXT list of URLs (papaparse's Node stream mode, with backpressure: a slow
 * consumer pauses the file) and yields its non-empty lines one by one, valid or not, never holding
 * the list. A `url` column (or a synonym: link, imagem, foto…) when the first row is a header, else
 * the first column; `sku`, `path` and `name` columns when the header names them. `;`, tab, `|` or
 * `,` delimiter (chosen from the first line), UTF-8 with or without BOM. Throws ApiError for a list
 * refused whole: over `maxBytes` or `maxLines` (at the line that crosses it), a header without a
 * URL column, or no line at all.
 */
export async function* parseUrlList(source: Readable, limits: UrlListLimits): AsyncGenerator<UrlListLine> {
  const text = source.pipe(decodeText(limits.maxBytes));
  source.on("error", (error) => text.destroy(error));
  try {
    yield* readLines(text, limits);
  } finally {
    // A consumer that stops early (a limit, a database error) stops the file too.
    text.destroy();
    source.destroy();
  }
}

async function* readLines(text: Transform, limits: UrlListLimits): AsyncGenerator<UrlListLine> {
  const chunks = text[Symbol.asyncIterator]() as AsyncIterator<string>;
  const head: string[] = [];
  let headText = "";
  while (!/\S[^\r\n]*[\r\n]/.test(headText) && headText.length < HEAD_BYTES) {
    const next = await chunks.next();
    if (next.done) break;
    head.push(next.value);
    headText += next.value;
  }
  const firstLine = headText.split(/\r?\n|\r/).find((line) => line.trim() !== "") ?? "";
  const delimiter = detectDelimiter(firstLine);
  const rows = Papa.parse(Papa.NODE_STREAM_INPUT, {
    delimiter: delimiter ?? NO_DELIMITER,
    ...(delimiter === null ? { quoteChar: NO_DELIMITER } : {}),
    skipEmptyLines: false,
  }) as NodeJS.ReadWriteStream & AsyncIterable<string[]>;
  const feed = Readable.from(
    (async function* () {
      yield* head;
      for (;;) {
        const next = await chunks.next();
        if (next.done) return;
        yield next.value;
      }
    })(),
    { objectMode: true },
  );
  const fed = pipeline(feed, rows).catch((error: unknown) => error);

  let lineNumber = 0;
  let lines = 0;
  let columns: ListColumns | null = null;
  for await (const cells of rows) {
    lineNumber += 1;
    if (cells.every((c) => c.trim() === "")) continue;
    if (!columns) {
      const header = columnsFromHeader(cells);
      if (header === "NO_URL_COLUMN")
        throw new ApiError(
          "URL_LIST_NO_URL_COLUMN",
          "O cabeçalho da lista não tem uma coluna url (ou link, imagem, foto).",
        );
      columns = header ?? FIRST_COLUMN;
      if (header) continue;
    }
    lines += 1;
    if (lines > limits.maxLines) throw listTooManyLines(limits.maxLines);
    const extra: Extra = {
      sku: columns.sku === null ? null : cell(cells[columns.sku]),
      path: columns.path === null ? null : cell(cells[columns.path]),
      name: columns.name === null ? null : cell(cells[columns.name]),
    };
    const raw = cells[columns.url] ?? "";
    const verdict = classifyListUrl(raw, limits.allowHosts);
    if (verdict.ok) {
      yield { lineNumber, ok: true, url: verdict.url, ...extra };
    } else {
      const shown = raw.trim() || cells.join(delimiter ?? "").trim();
      const { category, code, details } = verdict;
      yield { lineNumber, ok: false, url: shown.slice(0, MAX_CELL), ...extra, category, code, details };
    }
  }
  const failure = await fed;
  if (failure) throw failure;
  if (lines === 0) throw new ApiError("URL_LIST_EMPTY", "A lista não tem nenhuma URL.");
}
