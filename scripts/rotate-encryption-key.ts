// `npm run ai:rotate-key`: re-seals every stored AI provider key from ENCRYPTION_KEY_PREVIOUS to
// ENCRYPTION_KEY (version ENCRYPTION_KEY_VERSION) in one transaction, and prints counts (never a key).
//   ENCRYPTION_KEY_PREVIOUS=<old> ENCRYPTION_KEY=<new> ENCRYPTION_KEY_VERSION=2 npm run ai:rotate-key
import { masterKeysFromEnv } from "@/lib/ai/keys/encryption";
import { rotateEncryptionKeys, RotationError } from "@/lib/ai/keys/rotate-keys";
import { getEnv } from "@/lib/config/env";
import { createPrismaClient } from "@/lib/db/client";
import { withDatabase } from "./with-database";

void withDatabase(async (url) => {
  const env = getEnv();
  const keys = masterKeysFromEnv();
  // The previous key is needed whatever the version says (rows sealed before the version was bumped).
  if (env.ENCRYPTION_KEY_PREVIOUS && !keys.previous)
    keys.previous = { secret: env.ENCRYPTION_KEY_PREVIOUS, version: Math.max(1, keys.current.version - 1) };
  if (!keys.previous) console.warn("ENCRYPTION_KEY_PREVIOUS não definida: só é possível conferir as chaves atuais.");
  const prisma = createPrismaClient(url, 2);
  try {
    const report = await rotateEncryptionKeys(prisma, keys);
    console.log(
      `Chaves recifradas: ${report.resealed} · já na versão ${keys.current.version}: ${report.alreadyCurrent} · do ambiente (sem cifra): ${report.envKeys}`,
    );
  } finally {
    await prisma.$disconnect();
  }
}).catch((error: unknown) => {
  console.error(error instanceof RotationError ? error.message : error instanceof Error ? error.message : error);
  process.exit(1);
});
