import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { UsersPanel } from "@/components/admin/users-panel";
import { PageHeader } from "@/components/page-header";
import { requireUser } from "@/lib/auth/session";
import { listUsers } from "@/lib/users/manage-users";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin.users");
  return { title: t("title") };
}

export default async function UsersPage() {
  const me = await requireUser("ADMIN");
  const t = await getTranslations("admin.users");
  const users = await listUsers();
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <UsersPanel
        currentUserId={me.id}
        users={users.map((u) => ({ ...u, createdAt: u.createdAt.toISOString(), lastLoginAt: u.lastLoginAt?.toISOString() ?? null }))}
      />
    </>
  );
}
