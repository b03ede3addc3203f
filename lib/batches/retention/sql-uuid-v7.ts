import "server-only";
import { Prisma } from "@/lib/db/client";

/**
 * A UUIDv7 computed by PostgreSQL for row `n` (a bigint SQL expression, 0-based) of one bulk
 * `INSERT … SELECT`, so a million rows get their ids without a round trip each (`uuidv7()` exists
 * only from PostgreSQL 18; lib/db/uuid-v7.ts is the generator for rows written one by one). Layout
 * (RFC 9562): 48-bit `ms`, version 7, then `n` in the next 36 bits (12 of `rand_a`, 24 of `rand_b`
 * after the variant) and 36 more bits: ids of one statement increase with `n` and sort after every
 * id made before `ms`. The last bits are random, or with `seed` (an SQL text expression, e.g. the
 * source row's id) derived from it, so two statements compute the same id for the same source row.
 */
export function sqlUuidV7(ms: number, n: Prisma.Sql, seed?: Prisma.Sql): Prisma.Sql {
  const tail = seed ? Prisma.sql`md5((${seed}) || ${String(ms)})` : Prisma.sql`md5(random()::text)`;
  return Prisma.sql`(lpad(to_hex(${BigInt(ms)}::bigint), 12, '0') || '7'
    || lpad(to_hex(((${n}) >> 24) & 4095), 3, '0') || '8'
    || lpad(to_hex((${n}) & 16777215), 6, '0')
    || substr(${tail}, 1, 9))::uuid`;
}
