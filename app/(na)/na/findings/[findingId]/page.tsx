import { ArrowLeft } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { getFormatters } from "@/components/format-server";
import { CloseFindingButton, FindingMessages, FindingReplyForm, FindingStatusBadge } from "@/components/findings/finding-thread";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { orNotFound, serverCaller } from "@/server/api/rsc";

type Params = Promise<{ findingId: string }>;

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("na.findings"))("title") };
}

export default async function OfficerFindingPage({ params }: { params: Params }) {
  const { findingId } = await params;
  const finding = await orNotFound((await serverCaller()).na.finding({ findingId }));
  const t = await getTranslations("na.findings");
  const tAct = await getTranslations("activities");
  const fmt = await getFormatters();
  return (
    <div className="grid grid-cols-[minmax(0,1fr)] gap-6">
      <Link href="/na/findings" className="inline-flex w-fit items-center gap-1 text-sm text-muted-foreground hover:underline">
        <ArrowLeft className="size-4" aria-hidden />
        {t("back")}
      </Link>
      <Card>
        <CardHeader>
          <div className="flex flex-wrap items-start justify-between gap-2">
            <div className="grid gap-1">
              <CardTitle className="text-xl" data-testid="finding-title">{finding.title}</CardTitle>
              <CardDescription>
                {finding.schoolName} ·{" "}
                <Link href={`/na/projects/${finding.projectId}`} className="font-mono hover:underline">{finding.projectNumber}</Link>
              </CardDescription>
              <p className="text-sm text-muted-foreground">
                {t("about")}:{" "}
                {finding.mobility
                  ? t("aboutMobility", { activity: tAct(finding.mobility.activityType), start: fmt.date(finding.mobility.startDate), end: fmt.date(finding.mobility.endDate) })
                  : t("aboutProject")}
              </p>
            </div>
            <div className="flex items-center gap-2">
              <FindingStatusBadge status={finding.status} />
              {finding.status !== "closed" && <CloseFindingButton findingId={finding.id} version={finding.version} />}
            </div>
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
      ) : (
        <FindingReplyForm side="agency" findingId={finding.id} version={finding.version} />
      )}
    </div>
  );
}
