import { recordAudit } from "@/lib/audit/record-audit";
import type { SessionUser } from "@/lib/auth/roles";
import { getEnv } from "@/lib/config/env";
import { getPrisma, type Prisma } from "@/lib/db/client";
import {
  APP_SETTING_DEFAULTS,
  APP_SETTING_SCHEMAS,
  type AppSettingKey,
  type AppSettings,
  type AppSettingsPatch,
  type AppSettingsView,
} from "./schemas";

type Db = Pick<Prisma.TransactionClient, "appSetting">;

const KEYS = Object.keys(APP_SETTING_SCHEMAS) as AppSettingKey[];

/** The app settings, each from its row when it parses, else its default. Read fresh (a few tiny rows). */
export async function getAppSettings(db: Db = getPrisma()): Promise<AppSettings> {
  const rows = await db.appSetting.findMany({ where: { key: { in: KEYS } } });
  const settings: AppSettings = { ...APP_SETTING_DEFAULTS };
  for (const row of rows) {
    const key = row.key as AppSettingKey;
    const parsed = APP_SETTING_SCHEMAS[key].safeParse(row.value);
    // Each key's schema parsed its own value (TypeScript cannot pair them through the union of keys).
    if (parsed.success) (settings as Record<AppSettingKey, unknown>)[key] = parsed.data;
  }
  return settings;
}

export async function getAppSettingsView(): Promise<AppSettingsView> {
  const env = getEnv();
  return {
    ...(await getAppSettings()),
    analysisConfidenceThreshold: env.ANALYSIS_CONFIDENCE_THRESHOLD,
    analysisMaxCandidates: env.ANALYSIS_MAX_CANDIDATES,
  };
}

/**
 * An ADMIN's change (the caller checks the role): each key that changes is written and audited
 * (APP_SETTING_CHANGED, from → to) in one transaction; an unchanged value writes nothing.
 */
export async function updateAppSettings(actor: SessionUser, patch: AppSettingsPatch): Promise<AppSettingsView> {
  await getPrisma().$transaction(async (tx) => {
    const current = await getAppSettings(tx);
    for (const key of KEYS) {
      const next = patch[key];
      if (next === undefined || next === current[key]) continue;
      const value = APP_SETTING_SCHEMAS[key].parse(next);
      await tx.appSetting.upsert({
        where: { key },
        create: { key, value, updatedById: actor.id },
        update: { value, updatedById: actor.id },
      });
      await recordAudit(
        {
          userId: actor.id,
          action: "APP_SETTING_CHANGED",
          entityType: "AppSetting",
          entityId: key,
          data: { from: current[key], to: value },
        },
        tx,
      );
    }
  });
  return getAppSettingsView();
}
