import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { createStatementNamer } from "./statement-names";

/**
 * One Prisma client per process. DATABASE_URL is always set by the time this runs: either by the
 * operator, or by the launcher (scripts/start.ts) after it started the embedded PostgreSQL.
 */
const globalForPrisma = globalThis as unknown as { vitrinePrisma?: PrismaClient };

export function createPrismaClient(connectionString: string, poolSize = 10): PrismaClient {
  const statementName = createStatementNamer("prisma");
  return new PrismaClient({
    adapter: new PrismaPg(
      { connectionString, max: poolSize },
      { statementNameGenerator: (query) => statementName(query.sql, query.args.length) },
    ),
  });
}

export function getPrisma(): PrismaClient {
  if (!globalForPrisma.vitrinePrisma) {
    const url = process.env.DATABASE_URL;
    if (!url)
      throw new Error(
        "DATABASE_URL is not set: start Vitrine with `npm run dev` / `npm start`, which start the embedded database.",
      );
    globalForPrisma.vitrinePrisma = createPrismaClient(url);
  }
  return globalForPrisma.vitrinePrisma;
}

/** Tests and scripts point the process at another database. */
export function setPrisma(client: PrismaClient | undefined): void {
  globalForPrisma.vitrinePrisma = client;
}

export * from "@/lib/generated/prisma/client";
