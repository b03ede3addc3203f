"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { EmptyState } from "@/components/empty-state";
import { useErrorText } from "@/components/errors/use-error-text";
import { Button } from "@/components/ui/button";
import { ImageIcon } from "@/components/ui/icons";
import type { DuplicateDecision, DuplicateFilters } from "@/lib/duplicates/schemas";
import { useDuplicateDecision, useDuplicateGroups } from "@/lib/queries/duplicates";
import type { DuplicateGroup } from "@/lib/queries/types";
import { DuplicateMemberCard } from "./duplicate-member-card";

/**
 * The near-duplicate review: each group's photos side by side with "manter este" per photo and
 * "manter todos" for the group; a decided group leaves the list at once and the outcome is
 * announced. A VIEWER sees the groups without the decision buttons (the API refuses them too).
 */
export function DuplicatesReview({ filters, canEdit }: { filters: DuplicateFilters; canEdit: boolean }) {
  const t = useTranslations("duplicates");
  const errorText = useErrorText();
  const groups = useDuplicateGroups(filters);
  const decision = useDuplicateDecision(filters);
  const [announcement, setAnnouncement] = useState("");

  const decide = (group: DuplicateGroup, body: DuplicateDecision) => {
    setAnnouncement("");
    decision.mutate(
      { groupId: group.id, decision: body },
      {
        onSuccess: (result) => {
          const kept = body.action === "keep" ? group.members.find((m) => m.id === body.keepImageId) : undefined;
          setAnnouncement(
            kept ? t("decidedKeep", { name: kept.originalName, count: result.markedDuplicates }) : t("decidedDistinct"),
          );
        },
      },
    );
  };

  const all = groups.data?.pages.flatMap((page) => page.groups) ?? [];
  const busyGroupId = decision.isPending ? decision.variables?.groupId : undefined;
  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <p className="max-w-3xl text-sm text-slate-300">{canEdit ? t("hint") : t("viewerNote")}</p>
        <p
          role="status"
          aria-live="polite"
          data-testid="duplicates-announcement"
          className="min-h-5 text-sm text-emerald-200"
        >
          {announcement}
        </p>
      </div>
      {decision.error ? (
        <p role="alert" className="rounded-xl border border-rose-400/40 bg-rose-500/10 p-3 text-sm text-rose-100">
          {errorText(decision.error)}
        </p>
      ) : null}
      {groups.error ? (
        <p role="alert" className="rounded-xl border border-rose-400/40 bg-rose-500/10 p-3 text-sm text-rose-100">
          {errorText(groups.error)}
        </p>
      ) : null}
      {groups.isSuccess && all.length === 0 ? (
        <EmptyState icon={<ImageIcon />} title={t("emptyTitle")} description={t("emptyDescription")} />
      ) : (
        <ul aria-label={t("listLabel")} className="space-y-6">
          {all.map((group) => {
            const headingId = `duplicate-group-${group.id}`;
            const ids = group.members.map((m) => m.id);
            return (
              <li key={group.id}>
                <section
                  aria-labelledby={headingId}
                  data-testid="duplicate-group"
                  data-group-id={group.id}
                  className="glass rounded-2xl p-4 sm:p-5"
                >
                  <header className="mb-4 flex flex-wrap items-center justify-between gap-3">
                    <h2 id={headingId} className="text-base font-semibold text-white">
                      {t("groupTitle", { count: group.members.length })}
                    </h2>
                    {canEdit ? (
                      <Button
                        variant="secondary"
                        size="sm"
                        disabled={busyGroupId === group.id}
                        onClick={() => decide(group, { action: "distinct", imageIds: ids })}
                        aria-label={t("keepAllLabel", { count: group.members.length })}
                      >
                        {t("keepAll")}
                      </Button>
                    ) : null}
                  </header>
                  <ul className="grid grid-cols-[repeat(auto-fill,minmax(16rem,19rem))] gap-4">
                    {group.members.map((member, index) => (
                      <DuplicateMemberCard
                        key={member.id}
                        member={member}
                        isReference={index === 0}
                        canEdit={canEdit}
                        isBusy={busyGroupId === group.id}
                        onKeep={() => decide(group, { action: "keep", keepImageId: member.id, imageIds: ids })}
                      />
                    ))}
                  </ul>
                </section>
              </li>
            );
          })}
        </ul>
      )}
      {groups.hasNextPage ? (
        <div className="flex justify-center">
          <Button variant="secondary" disabled={groups.isFetchingNextPage} onClick={() => void groups.fetchNextPage()}>
            {groups.isFetchingNextPage ? t("loading") : t("loadMore")}
          </Button>
        </div>
      ) : null}
    </div>
  );
}
