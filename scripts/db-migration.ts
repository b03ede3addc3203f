// `npm run db:migration -- <name>`: writes prisma/migrations/<timestamp>_<name>/migration.sql from the schema diff.
import { withDatabase } from "./with-database";
import { diffSchemaSinceLastMigration, writeMigration } from "@/lib/db/migrations";

const name = process.argv[2];
if (!name) {
  console.error("Uso: npm run db:migration -- <nome>");
  process.exit(2);
}

void withDatabase(async (url) => {
  const sql = await diffSchemaSinceLastMigration(url);
  if (!sql.trim() || /^-- This is an empty migration/.test(sql.trim())) {
    console.log("O schema não mudou: nenhuma migração criada.");
    return;
  }
  const dir = await writeMigration(name, sql);
  console.log(`Migração criada em ${dir}`);
}).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
