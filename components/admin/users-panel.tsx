"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { createUserAction, resetPasswordAction, updateUserAction } from "@/app/(dashboard)/admin/usuarios/actions";
import { useErrorText } from "@/components/errors/use-error-text";
import { Button } from "@/components/ui/button";
import { DataTable, type DataTableColumn } from "@/components/ui/data-table";
import { FilterSelect } from "@/components/ui/filter-select";
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
    run(
      () => createUserAction(form),
      t("createdUser", { email: form.email.trim().toLowerCase(), role: t(`roles.${form.role}`) }),
      () => setForm({ email: "", name: "", password: "", role: "VIEWER" }),
    );
  };

  const reset = (user: UserRow) => {
    const password = window.prompt(`${t("newPassword")} — ${user.email}`);
    if (password) run(() => resetPasswordAction({ userId: user.id, password }), t("passwordReset"));
  };

  const roleOptions = ROLE_OPTIONS.map((role) => ({ value: role, label: t(`roles.${role}`) }));
  const columns: DataTableColumn<UserRow>[] = [
    // At 1024 px a long e-mail wraps after its "@" rather than pushing the actions out of the box.
    { key: "email", header: t("email"), cell: (user) => <EmailWithBreak email={user.email} /> },
    { key: "name", header: t("name"), cell: (user) => user.name ?? "—" },
    {
      key: "role",
      header: t("role"),
      cell: (user) => (
        <FilterSelect
          id={`role-${user.id}`}
          label={`${t("role")} — ${user.email}`}
          isLabelHidden
          className="min-w-32"
          options={roleOptions}
          value={user.role}
          disabled={isPending}
          onChange={(e) => run(() => updateUserAction({ userId: user.id, role: e.target.value as Role }), t("saved"))}
        />
      ),
    },
    { key: "status", header: t("status"), cell: (user) => (user.isActive ? t("active") : t("disabled")) },
    {
      key: "tokens",
      header: t("tokens.column"),
      cell: (user) => (
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
      ),
    },
    {
      key: "actions",
      header: t("actions"),
      cell: (user) => (
        <div className="flex flex-wrap gap-2">
          <Button
            variant="secondary"
            size="sm"
            className="whitespace-nowrap"
            disabled={isPending || user.id === currentUserId}
            onClick={() => run(() => updateUserAction({ userId: user.id, isActive: !user.isActive }), t("saved"))}
          >
            {user.isActive ? t("disable") : t("activate")}
          </Button>
          <Button
            variant="ghost"
            size="sm"
            className="whitespace-nowrap"
            disabled={isPending}
            onClick={() => reset(user)}
          >
            {t("resetPassword")}
          </Button>
        </div>
      ),
    },
  ];

  return (
    <div className="space-y-8">
      <form
        onSubmit={create}
        aria-labelledby="create-user-title"
        className="glass grid gap-4 rounded-2xl p-6 md:grid-cols-5 md:items-end"
      >
        <h2 id="create-user-title" className="text-lg font-semibold text-white md:col-span-5">
          {t("create")}
        </h2>
        <TextField
          id="new-email"
          label={t("email")}
          type="email"
          required
          value={form.email}
          onChange={(e) => setForm({ ...form, email: e.target.value })}
        />
        <TextField
          id="new-name"
          label={t("name")}
          value={form.name}
          onChange={(e) => setForm({ ...form, name: e.target.value })}
        />
        <TextField
          id="new-password"
          label={t("password")}
          type="password"
          autoComplete="new-password"
          required
          hint={t("passwordHint")}
          value={form.password}
          onChange={(e) => setForm({ ...form, password: e.target.value })}
        />
        <FilterSelect
          id="new-role"
          label={t("role")}
          options={roleOptions}
          value={form.role}
          onChange={(e) => setForm({ ...form, role: e.target.value as Role })}
        />
        <Button type="submit" disabled={isPending}>
          {isPending ? t("saving") : t("create")}
        </Button>
      </form>
      {message ? (
        <p
          role={message.kind === "error" ? "alert" : "status"}
          className={message.kind === "error" ? "text-sm text-rose-300" : "text-sm text-emerald-300"}
        >
          {message.text}
        </p>
      ) : null}
      <DataTable
        columns={columns}
        rows={users}
        rowDetail={(user) =>
          openTokensOf === user.id
            ? {
                id: `tokens-${user.id}`,
                content: <UserTokensPanel user={user} tokens={user.tokens} isPending={isPending} run={run} />,
              }
            : null
        }
      />
    </div>
  );
}

function EmailWithBreak({ email }: { email: string }) {
  const at = email.lastIndexOf("@");
  if (at < 0) return email;
  return (
    <>
      {email.slice(0, at + 1)}
      <wbr />
      {email.slice(at + 1)}
    </>
  );
}
