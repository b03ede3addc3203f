import { createHash } from "node:crypto";

/**
 * Names for server-side prepared statements, so PostgreSQL parses each hot statement once per
 * connection instead of on every call, and can reuse its plan when a generic plan is as good
 * (measured with pg_stat_statements: planning cost as much as execution for the ingest path's
 * statements; pg-boss's fetch and complete are still planned per call). A name is derived from the SQL text, so
 * the same text always maps to the same statement. Only parameterised statements are named (a
 * prepared statement holds exactly one command), and only the first `limit` distinct texts of a
 * process: the server keeps a plan per name and connection, so queries generated with variable
 * shapes (IN lists of every length) must not grow that cache without bound. The empty name is
 * PostgreSQL's unnamed statement: parsed and planned for that call only.
 *
 * A statement whose best plan depends on its values (a search: `LIKE '%' || $1 || '%'` is a
 * filtered walk of the id order for a common word, a bitmap of the trigram index for a rare one)
 * carries CUSTOM_PLAN_MARKER and stays unnamed, so each call is planned with its values. Named,
 * PostgreSQL switches to a generic plan after five calls when that plan's estimate is no worse,
 * and a generic LIKE guesses a few rows: two search words then ran as a bitmap of 7,000 rows and
 * a sort (110 ms at 1,000,000 photos) instead of the id walk that stops at the page (25 ms).
 */
export const CUSTOM_PLAN_MARKER = "/* vitrine:custom-plan */";

export function createStatementNamer(prefix: string, limit = 200): (sql: string, parameterCount: number) => string {
  const names = new Map<string, string>();
  return (sql, parameterCount) => {
    if (parameterCount === 0 || sql.includes(CUSTOM_PLAN_MARKER)) return "";
    const known = names.get(sql);
    if (known) return known;
    if (names.size >= limit) return "";
    const name = `${prefix}_${createHash("sha1").update(sql).digest("hex").slice(0, 24)}`;
    names.set(sql, name);
    return name;
  };
}
