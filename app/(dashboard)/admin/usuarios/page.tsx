import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { UsersPanel } from "@/components/admin/users-panel";
import { PageHeader } from "@/components/page-header";
import { requireUser } from "@/lib/auth/session";
import { listUsers } from "@/lib/users/manage-users";
import { listActiveTokensByUser } from "@/lib/users/user-tokens";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin.users");
  return { title: t("title") };
}

export default async function UsersPage() {
  const me = await requireUser("ADMIN");
  const t = await getTranslations("admin.users");
  const [users, tokensByUser] = await Promise.all([listUsers(), listActiveTokensByUser(me)]);
  const iso = (date: Date | null) => date?.toISOString() ?? null;
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <UsersPanel
        currentUserId={me.id}
        users={users.map((u) => ({
          ...u,
          createdAt: u.createdAt.toISOString(),
          lastLoginAt: iso(u.lastLoginAt),
          tokens: (tokensByUser.get(u.id) ?? []).map((token) => ({
            ...token,
            createdAt: token.createdAt.toISOString(),
            lastUsedAt: iso(token.lastUsedAt),
          })),
        }))}
      />
    </>
  );
}
