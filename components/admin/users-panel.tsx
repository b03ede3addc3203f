"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { Fragment, useState, useTransition } from "react";
import { createUserAction, resetPasswordAction, updateUserAction } from "@/app/(dashboard)/admin/usuarios/actions";
import { useErrorText } from "@/components/errors/use-error-text";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/input";
import { UserTokensPanel, type UserTokenRow } from "./user-tokens-panel";
import type { Role } from "@/lib/auth/roles";

type UserRow = {
  id: string;
  email: string;
  name: string | null;
  role: Role;
  isActive: boolean;
  createdAt: string;
  lastLoginAt: string | null;
  tokens: UserTokenRow[];
};
type Result = { ok: true } | { ok: false; code: string; message: string; fieldErrors?: Record<string, string> };

const ROLE_OPTIONS: Role[] = ["ADMIN", "EDITOR", "VIEWER"];
const selectClass =
  "h-11 w-full rounded-lg border border-white/15 bg-slate-950/60 px-3 text-sm text-slate-100 focus-visible:outline-2 focus-visible:outline-accent-400";

export function UsersPanel({ users, currentUserId }: { users: UserRow[]; currentUserId: string }) {
  const t = useTranslations("admin.users");
  const router = useRouter();
  const [isPending, startTransition] = useTransition();
  const [message, setMessage] = useState<{ kind: "error" | "ok"; text: string } | null>(null);
  const [form, setForm] = useState({ email: "", name: "", password: "", role: "VIEWER" as Role });
  const [openTokensOf, setOpenTokensOf] = useState<string | null>(null);

  const errorText = useErrorText();
  const explain = (result: Result): string => {
    if (result.ok) return t("saved");
    if (result.fieldErrors?.email) return t("errors.invalidEmail");
    if (result.fieldErrors?.password) return t("errors.passwordTooShort");
    return errorText(result);
  };

  const run = (action: () => Promise<Result>, okText: string, after?: () => void) =>
    startTransition(async () => {
      const result = await action();
      setMessage(result.ok ? { kind: "ok", text: okText } : { kind: "error", text: explain(result) });
      if (result.ok) {
        after?.();
        router.refresh();
      }
    });

  const create = (event: React.FormEvent) => {
    event.preventDefault();
    // Says who was created: the form empties right after, so "saved" alone would leave the admin guessing.
    run(() => createUserAction(form), t("createdUser", { email: form.email.trim().toLowerCase(), role: t(`roles.${form.role}`) }), () => setForm({ email: "", name: "", password: "", role: "VIEWER" }));
  };

  const reset = (user: UserRow) => {
    const password = window.prompt(`${t("newPassword")} — ${user.email}`);
    if (password) run(() => resetPasswordAction({ userId: user.id, password }), t("passwordReset"));
  };

  return (
    <div className="space-y-8">
      <form onSubmit={create} aria-labelledby="create-user-title" className="glass grid gap-4 rounded-2xl p-6 md:grid-cols-5 md:items-end">
        <h2 id="create-user-title" className="text-lg font-semibold text-white md:col-span-5">{t("create")}</h2>
        <TextField id="new-email" label={t("email")} type="email" required value={form.email} onChange={(e) => setForm({ ...form, email: e.target.value })} />
        <TextField id="new-name" label={t("name")} value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
        <TextField id="new-password" label={t("password")} type="password" autoComplete="new-password" required hint={t("passwordHint")} value={form.password} onChange={(e) => setForm({ ...form, password: e.target.value })} />
        <div className="space-y-1.5">
          <label htmlFor="new-role" className="block text-sm font-medium text-slate-200">{t("role")}</label>
          <select id="new-role" className={selectClass} value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value as Role })}>
            {ROLE_OPTIONS.map((role) => <option key={role} value={role}>{t(`roles.${role}`)}</option>)}
          </select>
        </div>
        <Button type="submit" disabled={isPending}>{isPending ? t("saving") : t("create")}</Button>
      </form>
      {message ? (
        <p role={message.kind === "error" ? "alert" : "status"} className={message.kind === "error" ? "text-sm text-rose-300" : "text-sm text-emerald-300"}>
          {message.text}
        </p>
      ) : null}
      <div className="glass overflow-x-auto rounded-2xl p-2">
        <table className="w-full text-left text-sm">
          <thead className="text-slate-300">
            <tr>
              <th scope="col" className="p-3 font-medium">{t("email")}</th>
              <th scope="col" className="p-3 font-medium">{t("name")}</th>
              <th scope="col" className="p-3 font-medium">{t("role")}</th>
              <th scope="col" className="p-3 font-medium">{t("status")}</th>
              <th scope="col" className="p-3 font-medium">{t("tokens.column")}</th>
              <th scope="col" className="p-3 font-medium">{t("actions")}</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-white/10 text-slate-100">
            {users.map((user) => (
              <Fragment key={user.id}>
                <tr>
                  <td className="p-3">{user.email}</td>
                  <td className="p-3">{user.name ?? "—"}</td>
                  <td className="p-3">
                    <label className="sr-only" htmlFor={`role-${user.id}`}>{`${t("role")} — ${user.email}`}</label>
                    <select
                      id={`role-${user.id}`}
                      className={selectClass}
                      value={user.role}
                      disabled={isPending}
                      onChange={(e) => run(() => updateUserAction({ userId: user.id, role: e.target.value as Role }), t("saved"))}
                    >
                      {ROLE_OPTIONS.map((role) => <option key={role} value={role}>{t(`roles.${role}`)}</option>)}
                    </select>
                  </td>
                  <td className="p-3">{user.isActive ? t("active") : t("disabled")}</td>
                  <td className="p-3">
                    <Button
                      variant="ghost"
                      size="sm"
                      aria-expanded={openTokensOf === user.id}
                      aria-controls={openTokensOf === user.id ? `tokens-${user.id}` : undefined}
                      onClick={() => setOpenTokensOf(openTokensOf === user.id ? null : user.id)}
                    >
                      {t("tokens.count", { count: user.tokens.length })}
                      <span className="sr-only">{` — ${user.email}`}</span>
                    </Button>
                  </td>
                  <td className="flex flex-wrap gap-2 p-3">
                    <Button
                      variant="secondary"
                      size="sm"
                      disabled={isPending || user.id === currentUserId}
                      onClick={() => run(() => updateUserAction({ userId: user.id, isActive: !user.isActive }), t("saved"))}
                    >
                      {user.isActive ? t("disable") : t("activate")}
                    </Button>
                    <Button variant="ghost" size="sm" disabled={isPending} onClick={() => reset(user)}>{t("resetPassword")}</Button>
                  </td>
                </tr>
                {openTokensOf === user.id ? (
                  <tr id={`tokens-${user.id}`}>
                    <td colSpan={6} className="p-3">
                      <UserTokensPanel user={user} tokens={user.tokens} isPending={isPending} run={run} />
                    </td>
                  </tr>
                ) : null}
              </Fragment>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
