import type { HTMLAttributes, Key, ReactNode } from "react";
import { Fragment } from "react";
import { cn } from "./cn";

export type ColumnAlign = "left" | "right" | "center";

export type DataTableColumn<Row> = {
  /** Stable React key of the column. */
  key: string;
  header: ReactNode;
  cell: (row: Row, index: number) => ReactNode;
  align?: ColumnAlign;
  /** Extra classes of the column's cells (e.g. "font-mono", "whitespace-nowrap"). */
  className?: string;
  /** Extra classes of the column's header cell (a width: "w-24"). */
  headerClassName?: string;
  /** The header is read by screen readers only (an actions column). */
  isHeaderHidden?: boolean;
  /** A secondary column, shown from this breakpoint up (header and cells). */
  visibleFrom?: "md" | "lg";
};

export type DataTableDensity = "comfortable" | "compact" | "flush" | "list";
export type DataTableFrame = "card" | "plain";

type DataTableProps<Row> = {
  columns: readonly DataTableColumn<Row>[];
  rows: readonly Row[];
  /** Defaults to the row's `id` when it has one, else its index. */
  rowKey?: (row: Row, index: number) => Key;
  /** Shown instead of the table when there are no rows. */
  empty?: ReactNode;
  /** Visible-to-screen-readers caption; or name the table with `ariaLabel` / `ariaLabelledBy`. */
  caption?: string;
  ariaLabel?: string;
  ariaLabelledBy?: string;
  /** Extra attributes per row (a data-testid, an id). */
  rowProps?: (row: Row, index: number) => HTMLAttributes<HTMLTableRowElement> & { [data: `data-${string}`]: string };
  /** A full-width row under a row (an expanded panel); null renders nothing. */
  rowDetail?: (row: Row) => { id?: string; content: ReactNode } | null;
  /**
   * p-3 cells (default), p-2 cells, py-2 cells for tables inside a card that has its own padding, or
   * px-3 py-2 cells for long lists in a box of fixed height (previews).
   */
  density?: DataTableDensity;
  /** The header stays in view while the table scrolls inside its box (give the box a max height in `className`). */
  isHeaderSticky?: boolean;
  testId?: string;
  /** "card": the glass panel that scrolls sideways on its own; "plain": the bare table in its own overflow box. */
  frame?: DataTableFrame;
  className?: string;
};

const ALIGN: Record<ColumnAlign, string> = { left: "text-left", right: "text-right", center: "text-center" };
const CELL: Record<DataTableDensity, string> = { comfortable: "p-3", compact: "p-2", flush: "py-2", list: "px-3 py-2" };
const VISIBLE_FROM = { md: "hidden md:table-cell", lg: "hidden lg:table-cell" } as const;

function defaultKey(row: unknown, index: number): Key {
  if (row && typeof row === "object" && "id" in row && (typeof row.id === "string" || typeof row.id === "number"))
    return row.id;
  return index;
}

/**
 * The app's data table: header row, divided body, empty state, scrolling sideways inside its own box
 * (never the page). No hooks, so it renders in Server Components and in client components alike.
 */
export function DataTable<Row>({
  columns,
  rows,
  rowKey = defaultKey,
  empty,
  caption,
  ariaLabel,
  ariaLabelledBy,
  rowProps,
  rowDetail,
  density = "comfortable",
  isHeaderSticky = false,
  testId,
  frame = "card",
  className,
}: DataTableProps<Row>) {
  const cell = CELL[density];
  // `relative`: sr-only labels inside cells are absolutely positioned and would otherwise widen the page.
  const frameClass = cn("relative overflow-x-auto", frame === "card" && "glass rounded-2xl p-2", className);
  if (rows.length === 0 && empty !== undefined) {
    return (
      <div className={frameClass}>
        {typeof empty === "string" ? <p className="p-4 text-sm text-slate-300">{empty}</p> : empty}
      </div>
    );
  }
  return (
    <div className={frameClass}>
      <table
        className="w-full text-left text-sm"
        aria-label={ariaLabel}
        aria-labelledby={ariaLabelledBy}
        data-testid={testId}
      >
        {caption ? <caption className="sr-only">{caption}</caption> : null}
        <thead className={cn("align-bottom text-slate-300", isHeaderSticky && "sticky top-0 bg-slate-900 text-xs")}>
          <tr>
            {columns.map((column) => (
              <th
                key={column.key}
                scope="col"
                className={cn(
                  cell,
                  "font-medium",
                  ALIGN[column.align ?? "left"],
                  column.visibleFrom && VISIBLE_FROM[column.visibleFrom],
                  column.headerClassName,
                )}
              >
                {column.isHeaderHidden ? <span className="sr-only">{column.header}</span> : column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-white/10 text-slate-100">
          {rows.map((row, index) => {
            const detail = rowDetail?.(row) ?? null;
            return (
              <Fragment key={rowKey(row, index)}>
                <tr {...rowProps?.(row, index)}>
                  {columns.map((column) => (
                    <td
                      key={column.key}
                      className={cn(
                        cell,
                        ALIGN[column.align ?? "left"],
                        column.visibleFrom && VISIBLE_FROM[column.visibleFrom],
                        column.className,
                      )}
                    >
                      {column.cell(row, index)}
                    </td>
                  ))}
                </tr>
                {detail ? (
                  <tr id={detail.id}>
                    <td colSpan={columns.length} className={cell}>
                      {detail.content}
                    </td>
                  </tr>
                ) : null}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
