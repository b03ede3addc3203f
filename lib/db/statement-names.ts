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
 */
export function createStatementNamer(prefix: string, limit = 200): (sql: string, parameterCount: number) => string {
  const names = new Map<string, string>();
  return (sql, parameterCount) => {
    if (parameterCount === 0) return "";
    const known = names.get(sql);
    if (known) return known;
    if (names.size >= limit) return "";
    const name = `${prefix}_${createHash("sha1").update(sql).digest("hex").slice(0, 24)}`;
    names.set(sql, name);
    return name;
  };
}
