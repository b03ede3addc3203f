// `npm run db:migrate`: applies pending migrations to DATABASE_URL or the embedded database.
import { withDatabase } from "./with-database";
import { applyMigrations } from "@/lib/db/migrations";

void withDatabase(async (url) => {
  const applied = await applyMigrations(url);
  console.log(applied.length ? `Migrações aplicadas: ${applied.join(", ")}` : "Banco já está atualizado.");
}).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
