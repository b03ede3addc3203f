import "server-only";
/** A text format written as rows arrive: its head, each page of rows, its tail. */
export type RowWriter<Row> = {
  start: () => string;
  rows: (rows: readonly Row[]) => string;
  end: () => string;
};
