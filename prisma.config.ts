import { defineConfig } from "prisma/config";

// Used by the Prisma CLI (generate; migrate on machines that have the schema engine binary).
// The app itself applies migrations through lib/db/migrations.ts (WebAssembly engine).
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost/vitrine" },
});
