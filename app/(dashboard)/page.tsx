import type { Metadata } from "next";
import { Suspense, type ReactNode } from "react";
import { getFormatter, getTranslations } from "next-intl/server";
import { requireUser } from "@/lib/auth/session";
import { getDashboardCounts, type DashboardCounts } from "@/lib/dashboard/get-dashboard-counts";
import { PageHeader } from "@/components/page-header";
import { CoverageCard } from "@/components/reports/coverage-card";
import { ShotListCard } from "@/components/reports/shot-list/shot-list-card";
import { StatCard, type StatTone } from "@/components/stat-card";
import {
  BoxIcon,
  CheckCircleIcon,
  ClockIcon,
  FolderIcon,
  ImageIcon,
  LayersIcon,
  RefreshIcon,
  TagIcon,
  UnlinkIcon,
  XCircleIcon,
} from "@/components/ui/icons";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("dashboard");
  return { title: t("title") };
}

type StatKey = Exclude<keyof DashboardCounts, "batchesActive">;
type StatDef = { key: StatKey; icon: ReactNode; tone: StatTone };

const IMAGE_STATS: StatDef[] = [
  { key: "images", icon: <ImageIcon />, tone: "accent" },
  { key: "imagesPending", icon: <ClockIcon />, tone: "amber" },
  { key: "imagesApproved", icon: <CheckCircleIcon />, tone: "emerald" },
  { key: "imagesRejected", icon: <XCircleIcon />, tone: "rose" },
  { key: "imagesUnmatched", icon: <UnlinkIcon />, tone: "sky" },
  { key: "imagesInProgress", icon: <LayersIcon />, tone: "slate" },
  { key: "imagesFailed", icon: <RefreshIcon />, tone: "rose" },
];

const CATALOG_STATS: StatDef[] = [
  { key: "products", icon: <TagIcon />, tone: "accent" },
  { key: "brands", icon: <BoxIcon />, tone: "slate" },
  { key: "collections", icon: <FolderIcon />, tone: "slate" },
  { key: "batches", icon: <LayersIcon />, tone: "sky" },
];

export default async function DashboardPage() {
  await requireUser();
  const [t, format, counts] = await Promise.all([getTranslations("dashboard"), getFormatter(), getDashboardCounts()]);

  const renderStat = ({ key, icon, tone }: StatDef) => (
    <StatCard
      key={key}
      label={t(`stats.${key}.label`)}
      value={format.number(counts[key])}
      hint={key === "batches" ? t("stats.batches.hint", { active: counts.batchesActive }) : t(`stats.${key}.hint`)}
      icon={icon}
      tone={tone}
    />
  );

  return (
    <>
      <PageHeader title={t("title")} description={t("subtitle")} />
      <section aria-labelledby="stats-images" className="mb-10">
        <h2 id="stats-images" className="mb-4 text-sm font-semibold uppercase tracking-wider text-slate-300">
          {t("sections.images")}
        </h2>
        <dl className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-4">{IMAGE_STATS.map(renderStat)}</dl>
      </section>
      <CoverageCard />
      {/* The shot-list completion reads every SKU with a list (~0.5 s at 100,000): streamed, the rest paints first. */}
      <Suspense fallback={<div className="glass mb-10 h-40 animate-pulse rounded-2xl" aria-hidden="true" />}>
        <ShotListCard />
      </Suspense>
      <section aria-labelledby="stats-catalog">
        <h2 id="stats-catalog" className="mb-4 text-sm font-semibold uppercase tracking-wider text-slate-300">
          {t("sections.catalog")}
        </h2>
        <dl className="grid grid-cols-1 gap-4 sm:grid-cols-2 xl:grid-cols-4">{CATALOG_STATS.map(renderStat)}</dl>
      </section>
    </>
  );
}
