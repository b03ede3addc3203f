import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/** Secrets generated on first start and kept under the data directory (0600), so restarts keep sessions valid. */
export type LocalSecrets = { postgresPassword: string; authSecret: string; encryptionKey: string };

export function ensureDataDir(dataDir: string): void {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
}

export function loadOrCreateLocalSecrets(dataDir: string): LocalSecrets {
  ensureDataDir(dataDir);
  const file = path.join(dataDir, "secrets.json");
  if (fs.existsSync(file)) {
    return JSON.parse(fs.readFileSync(file, "utf8")) as LocalSecrets;
  }
  const secrets: LocalSecrets = {
    postgresPassword: crypto.randomBytes(24).toString("base64url"),
    authSecret: crypto.randomBytes(32).toString("base64url"),
    encryptionKey: crypto.randomBytes(32).toString("base64url"),
  };
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  fs.renameSync(tmp, file);
  return secrets;
}
