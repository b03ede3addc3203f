const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/** A chunk of CSV lines and how many lines ended in it. */
export type CsvChunk = { bytes: Buffer; length: number };

/**
 * PostgreSQL's `COPY … (FORMAT csv)` ends its lines with LF; the export's CSV ends them with CRLF
 * (as Excel writes them) and keeps a newline inside a quoted cell as it is. This turns the COPY's
 * chunks into the export's: a CR before every LF outside quotes (quotes toggle the state, so `""`
 * inside a quoted cell leaves it quoted), and counts those line ends. The state carries across
 * chunks (a chunk may end inside a quoted cell). Found with Buffer#indexOf, not byte by byte.
 */
export function crlfRows(): (chunk: Buffer) => CsvChunk {
  let inQuotes = false;
  return (chunk) => {
    const ends: number[] = [];
    let i = 0;
    let quote = chunk.indexOf(QUOTE, 0);
    let newline = chunk.indexOf(LF, 0);
    for (;;) {
      if (inQuotes) {
        if (quote === -1) break;
        inQuotes = false;
        i = quote + 1;
        quote = chunk.indexOf(QUOTE, i);
        if (newline !== -1 && newline < i) newline = chunk.indexOf(LF, i);
      } else if (newline !== -1 && (quote === -1 || newline < quote)) {
        ends.push(newline);
        i = newline + 1;
        newline = chunk.indexOf(LF, i);
      } else if (quote !== -1) {
        inQuotes = true;
        i = quote + 1;
        quote = chunk.indexOf(QUOTE, i);
      } else break;
    }
    if (ends.length === 0) return { bytes: chunk, length: 0 };
    const bytes = Buffer.allocUnsafe(chunk.length + ends.length);
    let from = 0;
    let to = 0;
    for (const end of ends) {
      to += chunk.copy(bytes, to, from, end);
      bytes[to++] = CR;
      from = end;
    }
    chunk.copy(bytes, to, from);
    return { bytes, length: ends.length };
  };
}
