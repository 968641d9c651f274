import { TRPCError } from "@trpc/server";
import { ArrowLeft } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getFormatters } from "@/components/format-server";
import { FindingMessages, FindingReplyForm, FindingStatusBadge } from "@/components/findings/finding-thread";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { can } from "@/lib/capabilities";
import { schoolMembership, serverCaller } from "@/server/api/rsc";

type Params = Promise<{ orgId: string; findingId: string }>;

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("na.findings"))("title") };
}

export default async function SchoolFindingPage({ params }: { params: Params }) {
  const { orgId, findingId } = await params;
  const caller = await serverCaller();
  const [finding, { role }] = await Promise.all([
    caller.findings.getForSchool({ orgId, findingId }).catch((error: unknown) => {
      if (error instanceof TRPCError && (error.code === "FORBIDDEN" || error.code === "NOT_FOUND")) notFound();
      throw error;
    }),
    schoolMembership(orgId),
  ]);
  const t = await getTranslations("na.findings");
  const tAct = await getTranslations("activities");
  const fmt = await getFormatters();
  return (
    <div className="grid grid-cols-[minmax(0,1fr)] gap-6">
      <Link href={`/s/${orgId}/findings`} className="inline-flex w-fit items-center gap-1 text-sm text-muted-foreground hover:underline">
        <ArrowLeft className="size-4" aria-hidden />
        {t("back")}
      </Link>
      <Card>
        <CardHeader>
          <div className="flex flex-wrap items-start justify-between gap-2">
            <div className="grid gap-1">
              <CardTitle className="text-xl" data-testid="finding-title">{finding.title}</CardTitle>
              <CardDescription>
                <Link href={`/s/${orgId}/projects/${finding.projectId}`} className="hover:underline">
                  {finding.projectTitle} · <span className="font-mono">{finding.projectNumber}</span>
                </Link>
              </CardDescription>
              <p className="text-sm text-muted-foreground">
                {t("about")}:{" "}
                {finding.mobility ? (
                  <Link href={`/s/${orgId}/projects/${finding.projectId}/mobilities/${finding.mobility.id}`} className="hover:underline">
                    {t("aboutMobility", { activity: tAct(finding.mobility.activityType), start: fmt.date(finding.mobility.startDate), end: fmt.date(finding.mobility.endDate) })}
                  </Link>
                ) : (
                  t("aboutProject")
                )}
              </p>
            </div>
            <FindingStatusBadge status={finding.status} />
          </div>
        </CardHeader>
        <CardContent>
          <h2 className="mb-3 text-sm font-medium">{t("thread")}</h2>
          <FindingMessages messages={finding.messages} />
        </CardContent>
      </Card>
      {finding.status === "closed" ? (
        <Alert>
          <AlertDescription>{t("closedNote")}</AlertDescription>
        </Alert>
      ) : can(role, "findings.reply") ? (
        <FindingReplyForm side="school" findingId={finding.id} version={finding.version} orgId={orgId} />
      ) : (
        <Alert>
          <AlertDescription>{t("onlyCoordinator")}</AlertDescription>
        </Alert>
      )}
    </div>
  );
}
