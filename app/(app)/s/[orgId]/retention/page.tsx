import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getFormatters } from "@/components/format-server";
import { AnonymiseDueButton } from "@/components/retention/anonymise-due-button";
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { can } from "@/lib/capabilities";
import { schoolMembership, serverCaller } from "@/server/api/rsc";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("retention"))("title") };
}

/** What will be anonymised and when (server/services/retention.ts): the headteacher, coordinator and school admin. */
export default async function RetentionPage({ params }: { params: Promise<{ orgId: string }> }) {
  const { orgId } = await params;
  const { role } = await schoolMembership(orgId);
  // Teachers do not see the schedule (retention.list is FORBIDDEN for them).
  if (!can(role, "retention.read")) notFound();
  const caller = await serverCaller();
  const [schedule, t, fmt] = await Promise.all([caller.retention.list({ orgId }), getTranslations("retention"), getFormatters()]);
  const dueCount = schedule.pupils.filter((pupil) => pupil.due).length;
  const canRun = can(role, "retention.run");
  return (
    <div className="grid grid-cols-[minmax(0,1fr)] gap-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
          <p className="max-w-prose text-sm text-muted-foreground">{t("subtitle", { years: schedule.retentionYears })}</p>
          <p className="text-sm text-muted-foreground">{t("anonymisedSoFar", { count: schedule.anonymisedCount })}</p>
        </div>
        {canRun ? <AnonymiseDueButton orgId={orgId} dueCount={dueCount} /> : null}
      </div>
      {schedule.pupils.length === 0 ? (
        <p className="text-sm text-muted-foreground">{t("empty")}</p>
      ) : (
        <div className="overflow-x-auto rounded-md border">
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>{t("columns.pupil")}</TableHead>
                <TableHead>{t("columns.lastProjectEnd")}</TableHead>
                <TableHead>{t("columns.dueDate")}</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {schedule.pupils.map((pupil) => (
                <TableRow key={pupil.participantId}>
                  <TableCell className="font-medium">{`${pupil.firstName} ${pupil.lastName}`}</TableCell>
                  <TableCell>{fmt.date(pupil.lastProjectEndDate)}</TableCell>
                  <TableCell>
                    {pupil.dueDate === null ? (
                      <span className="text-muted-foreground">{t("projectOpen", { count: pupil.openProjects })}</span>
                    ) : (
                      <span className="flex flex-wrap items-center gap-2">
                        {fmt.date(pupil.dueDate)}
                        {pupil.due ? <Badge variant="destructive">{t("dueNow")}</Badge> : null}
                      </span>
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
    </div>
  );
}
