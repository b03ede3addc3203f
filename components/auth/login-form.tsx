"use client";

import { useState, type FormEvent } from "react";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/input";
import { SpinnerIcon } from "@/components/ui/icons";

type LoginError =
  { kind: "invalidCredentials" } | { kind: "unavailable" } | { kind: "rateLimited"; seconds: number | null };

/** The server refuses an early attempt with `RATE_LIMITED:<seconds>` (lib/auth/auth-options.ts). */
function parseSignInError(error: string | null | undefined): LoginError {
  if (error === "UNAVAILABLE") return { kind: "unavailable" };
  const match = /^RATE_LIMITED(?::(\d+))?$/.exec(error ?? "");
  if (!match) return { kind: "invalidCredentials" };
  return { kind: "rateLimited", seconds: match[1] ? Number(match[1]) : null };
}

/** Only same-origin destinations are followed after sign-in (no open redirect). */
function safeDestination(callbackUrl: string | undefined): string {
  if (!callbackUrl) return "/";
  try {
    const url = new URL(callbackUrl, window.location.origin);
    if (url.origin !== window.location.origin || url.pathname.startsWith("/login")) return "/";
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return "/";
  }
}

export function LoginForm({ callbackUrl }: { callbackUrl?: string }) {
  const t = useTranslations("login");
  const router = useRouter();
  const [error, setError] = useState<LoginError | null>(null);
  const [isPending, setIsPending] = useState(false);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (isPending) return;
    const form = new FormData(event.currentTarget);
    setError(null);
    setIsPending(true);
    try {
      const res = await signIn<"credentials">("credentials", {
        email: String(form.get("email") ?? "").trim(),
        password: String(form.get("password") ?? ""),
        redirect: false,
      });
      if (!res || !res.ok || res.error) {
        // One generic message: never reveal whether the e-mail exists.
        setError(parseSignInError(res?.error));
        setIsPending(false);
        return;
      }
      router.replace(safeDestination(callbackUrl));
      router.refresh();
    } catch {
      setError({ kind: "invalidCredentials" });
      setIsPending(false);
    }
  };

  const errorText = (e: LoginError): string => {
    if (e.kind === "invalidCredentials") return t("errors.invalidCredentials");
    if (e.kind === "unavailable") return t("errors.unavailable");
    if (e.seconds === null) return t("errors.rateLimited");
    return e.seconds < 60
      ? t("errors.rateLimitedSeconds", { seconds: e.seconds })
      : t("errors.rateLimitedMinutes", { minutes: Math.ceil(e.seconds / 60) });
  };

  return (
    <form onSubmit={onSubmit} className="space-y-5">
      <TextField
        id="login-email"
        name="email"
        type="email"
        label={t("email")}
        placeholder={t("emailPlaceholder")}
        autoComplete="username"
        inputMode="email"
        autoCapitalize="none"
        spellCheck={false}
        required
        autoFocus
        aria-invalid={error?.kind === "invalidCredentials" || undefined}
      />
      <TextField
        id="login-password"
        name="password"
        type="password"
        label={t("password")}
        autoComplete="current-password"
        required
        aria-invalid={error?.kind === "invalidCredentials" || undefined}
      />

      {/* Always mounted so screen readers announce the message when it appears. */}
      <div role="alert" aria-live="assertive" className="min-h-0">
        {error ? (
          <p className="rounded-lg border border-rose-400/40 bg-rose-500/15 px-3 py-2.5 text-sm text-rose-100">
            {errorText(error)}
          </p>
        ) : null}
      </div>

      <Button type="submit" aria-disabled={isPending || undefined} className="w-full aria-disabled:cursor-wait">
        {isPending ? <SpinnerIcon className="size-4" /> : null}
        {/* Keep the accessible name "Entrar" stable; the pending text is visual only. */}
        <span aria-hidden={isPending || undefined}>{isPending ? t("submitting") : t("submit")}</span>
        {isPending ? <span className="sr-only">{t("submit")}</span> : null}
      </Button>
    </form>
  );
}
