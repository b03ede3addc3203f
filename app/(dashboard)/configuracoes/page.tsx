import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { BrandContentSettingsPanel } from "@/components/content/brand-content-settings-panel";
import { PageHeader } from "@/components/page-header";
import { AiKeysPanel } from "@/components/settings/ai-keys-panel";
import { ApiTokensPanel } from "@/components/settings/api-tokens-panel";
import { listBrandContentSettings } from "@/lib/ai/content/list-brand-content-settings";
import { TextSettingsPanel } from "@/components/settings/text-settings-panel";
import { listAiKeys } from "@/lib/ai/keys/manage-keys";
import { listApiTokens } from "@/lib/auth/api-tokens";
import { hasRole } from "@/lib/auth/roles";
import { requireUser } from "@/lib/auth/session";
import { getAppSettingsView } from "@/lib/settings/app-settings";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("settings");
  return { title: t("title") };
}

export default async function SettingsPage() {
  const user = await requireUser();
  const t = await getTranslations("settings");
  const isAdmin = hasRole(user.role, "ADMIN");
  const canEditContent = hasRole(user.role, "EDITOR");
  const [tokens, aiKeys, contentSettings, appSettings] = await Promise.all([
    listApiTokens(user.id),
    isAdmin ? listAiKeys() : null,
    canEditContent ? listBrandContentSettings() : null,
    getAppSettingsView(),
  ]);
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <div className="space-y-6">
        <ApiTokensPanel
          tokens={tokens.map((token) => ({
            ...token,
            createdAt: token.createdAt.toISOString(),
            lastUsedAt: token.lastUsedAt?.toISOString() ?? null,
          }))}
        />
        {/* The key pool is for admins only: other roles do not get the panel at all. */}
        {aiKeys ? <AiKeysPanel keys={aiKeys} /> : null}
        {/* Content settings: EDITOR and up (the actions check the role again). */}
        {contentSettings ? <BrandContentSettingsPanel brands={contentSettings} /> : null}
        <TextSettingsPanel settings={appSettings} isAdmin={isAdmin} />
      </div>
    </>
  );
}
