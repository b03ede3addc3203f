import { getTranslations } from "next-intl/server";
import type { SessionUser } from "@/lib/auth/roles";
import { cn } from "@/components/ui/cn";

const ROLE_BADGE: Record<SessionUser["role"], string> = {
  ADMIN: "border-accent-400/40 bg-accent-500/15 text-accent-300",
  EDITOR: "border-sky-400/40 bg-sky-500/15 text-sky-300",
  VIEWER: "border-slate-400/40 bg-slate-500/15 text-slate-200",
};

function initials(user: SessionUser): string {
  const source = user.name?.trim() || user.email;
  const parts = source.split(/[\s@._-]+/).filter(Boolean);
  return ((parts[0]?.[0] ?? "") + (parts[1]?.[0] ?? "")).toUpperCase() || "?";
}

export async function UserCard({ user }: { user: SessionUser }) {
  const t = await getTranslations("common");
  const displayName = user.name?.trim() || user.email;
  return (
    <div className="flex items-center gap-3 rail:justify-center" title={`${displayName} · ${user.email}`}>
      <span
        aria-hidden="true"
        className="flex size-10 shrink-0 items-center justify-center rounded-full bg-gradient-to-br from-accent-500 to-indigo-600 text-sm font-semibold text-white"
      >
        {initials(user)}
      </span>
      <div className="min-w-0 rail:sr-only">
        <p className="truncate text-sm font-medium text-white">{displayName}</p>
        <p className="truncate text-xs text-slate-400">{user.email}</p>
        <span
          className={cn(
            "mt-1 inline-block rounded-full border px-2 py-0.5 text-[11px] font-semibold",
            ROLE_BADGE[user.role],
          )}
        >
          {t(`roles.${user.role}`)}
        </span>
      </div>
    </div>
  );
}
