import type { ReactNode } from "react";
import { requireUser } from "@/lib/auth/session";
import { AppShell } from "@/components/shell/app-shell";
import { QueryProvider } from "@/components/providers/query-provider";

// Every page below also calls requireUser(): a layout alone never authorizes.
export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  return (
    <AppShell user={user}>
      <QueryProvider>{children}</QueryProvider>
    </AppShell>
  );
}
