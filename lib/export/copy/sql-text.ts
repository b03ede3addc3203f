import pg from "pg";
import type { Prisma } from "@/lib/db/client";

/** A Date as Prisma's PostgreSQL adapter sends it (UTC, no zone: the `timestamp(3)` columns hold UTC). */
function dateText(date: Date): string {
  return date.toISOString().replace("T", " ").replace("Z", "");
}

function arrayElement(value: unknown): string {
  if (value === null || value === undefined) return "NULL";
  const text = value instanceof Date ? dateText(value) : typeof value === "string" ? value : scalarText(value);
  return `"${text.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

function scalarText(value: unknown): string {
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error(`sqlText: ${value} has no SQL literal`);
    return String(value);
  }
  if (typeof value === "bigint") return String(value);
  throw new Error(`sqlText: a ${typeof value} parameter has no literal here`);
}

/** One parameter as an SQL literal, untyped like the parameter was (PostgreSQL infers its type from where it stands). */
function literal(value: unknown): string {
  if (value === null || value === undefined) return "NULL";
  if (typeof value === "string") return pg.escapeLiteral(value);
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (value instanceof Date) return pg.escapeLiteral(dateText(value));
  if (Array.isArray(value)) return pg.escapeLiteral(`{${value.map(arrayElement).join(",")}}`);
  const text = scalarText(value);
  return text.startsWith("-") ? `(${text})` : text;
}

/**
 * A Prisma.Sql as one statement's text with its parameters written in as quoted literals
 * (pg.escapeLiteral): for the statements that take no parameters, such as `COPY (SELECT …) TO STDOUT`.
 */
export function sqlText(sql: Prisma.Sql): string {
  let text = sql.strings[0] ?? "";
  for (let i = 0; i < sql.values.length; i++) text += literal(sql.values[i]) + sql.strings[i + 1];
  return text;
}
