import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getCurrentUser } from "@/lib/auth/session";
import type { SessionUser } from "@/lib/auth/roles";
import { LoginForm } from "@/components/auth/login-form";
import { LogoMark } from "@/components/brand/logo";
import { LocaleSwitcher } from "@/components/shell/locale-switcher";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("login");
  return { title: t("metaTitle") };
}

type LoginPageProps = { searchParams: Promise<{ callbackUrl?: string | string[] }> };

export default async function LoginPage({ searchParams }: LoginPageProps) {
  let user: SessionUser | null = null;
  try {
    user = await getCurrentUser();
  } catch {
    // The login page must render even when the session lookup fails.
    user = null;
  }
  // redirect() throws, so it stays outside the try.
  if (user) redirect("/");

  const { callbackUrl } = await searchParams;
  const t = await getTranslations("login");
  const common = await getTranslations("common");

  return (
    <main
      id="main-content"
      tabIndex={-1}
      className="relative flex min-h-dvh items-center justify-center p-4 focus:outline-none sm:p-6"
    >
      <div className="absolute right-4 top-4 sm:right-6 sm:top-6">
        <LocaleSwitcher />
      </div>
      <div className="glass w-full max-w-sm rounded-3xl p-7 sm:p-9">
        <div className="mb-8 flex flex-col items-center text-center">
          <LogoMark size={48} />
          <p className="mt-3 text-sm font-semibold uppercase tracking-[0.2em] text-accent-300">{common("appName")}</p>
          <h1 className="mt-4 text-2xl font-semibold tracking-tight text-white">{t("title")}</h1>
          <p className="mt-2 text-sm text-slate-300">{t("subtitle")}</p>
        </div>
        <LoginForm callbackUrl={typeof callbackUrl === "string" ? callbackUrl : undefined} />
      </div>
    </main>
  );
}
