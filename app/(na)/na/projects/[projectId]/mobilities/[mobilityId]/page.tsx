import { ArrowLeft, Download } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getFormatters } from "@/components/format-server";
import { GrantPanel } from "@/components/mobilities/grant-panel";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { orNotFound, serverCaller } from "@/server/api/rsc";

type Params = Promise<{ projectId: string; mobilityId: string }>;

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("na.mobility"))("title") };
}

/** One mobility as the school sees it, read-only: its facts, the stored grant and the evidence status. */
export default async function OfficerMobilityPage({ params }: { params: Params }) {
  const { projectId, mobilityId } = await params;
  const m = await orNotFound((await serverCaller()).na.mobility({ mobilityId }));
  if (m.projectId !== projectId) notFound();
  const t = await getTranslations("na.mobility");
  const tProject = await getTranslations("na.project");
  const tAct = await getTranslations("activities");
  const tStatus = await getTranslations("mobilityStatus");
  const tKinds = await getTranslations("evidence.kinds");
  const fmt = await getFormatters();
  const facts: [string, string][] = [
    [t("participant"), m.participant?.name ?? (m.activityType === "LM-GRP-PUPIL" ? tProject("groupPupils") : tProject("anonymous"))],
    [t("activity"), tAct(m.activityType)],
    [t("dates"), `${fmt.date(m.startDate)} – ${fmt.date(m.endDate)}`],
    [t("travelDays"), String(m.travelDays)],
    [t("greenTravel"), m.greenTravel ? t("yes") : t("no")],
    [t("receiving"), m.receivingOrganisation],
    [t("destination"), `${m.destinationTown}, ${m.destinationCountry}`],
    [t("distance"), m.distanceKm === null ? "—" : t("km", { km: m.distanceKm })],
    [t("fewerOpportunities"), m.fewerOpportunities ? t("yes") : t("no")],
  ];
  return (
    <div className="grid grid-cols-[minmax(0,1fr)] gap-6">
      <Link href={`/na/projects/${projectId}`} className="inline-flex w-fit items-center gap-1 text-sm text-muted-foreground hover:underline">
        <ArrowLeft className="size-4" aria-hidden />
        {t("back")}
      </Link>
      <div className="grid gap-1">
        <div className="flex flex-wrap items-center gap-2">
          <Badge variant="secondary">{tStatus(m.status)}</Badge>
        </div>
        <h1 className="text-2xl font-semibold tracking-tight">{tAct(m.activityType)}</h1>
        <p className="text-sm text-muted-foreground">
          {m.school.name} · <span className="font-mono">{m.projectNumber}</span>
        </p>
      </div>
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="grid content-start gap-6">
          <Card>
            <CardHeader>
              <CardTitle>{t("facts")}</CardTitle>
            </CardHeader>
            <CardContent>
              <dl className="grid gap-2 text-sm sm:grid-cols-[12rem_1fr]">
                {facts.map(([label, value]) => (
                  <div key={label} className="contents">
                    <dt className="text-muted-foreground">{label}</dt>
                    <dd>{value}</dd>
                  </div>
                ))}
              </dl>
            </CardContent>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle>{t("evidenceTitle")}</CardTitle>
            </CardHeader>
            <CardContent>
              <ul className="grid gap-2 text-sm" data-testid="officer-evidence">
                {m.evidence.map((item) => (
                  <li key={item.kind} className="flex flex-wrap items-center justify-between gap-2 rounded-md border p-3">
                    <div className="grid gap-0.5">
                      <span className="font-medium">{tKinds(item.kind)}</span>
                      <span className="text-xs text-muted-foreground">{item.required ? t("required") : t("optional")}</span>
                    </div>
                    <div className="flex items-center gap-2">
                      {item.file && (
                        <a href={`/api/files/${item.file.id}`} className="inline-flex items-center gap-1 text-sm hover:underline">
                          <Download className="size-4" aria-hidden />
                          {t("download")}
                        </a>
                      )}
                      <Badge variant={item.done ? "success" : item.required ? "destructive" : "outline"}>{item.done ? t("done") : t("missing")}</Badge>
                    </div>
                  </li>
                ))}
              </ul>
            </CardContent>
          </Card>
        </div>
        <GrantPanel title={t("grantTitle")} grant={{ eligible: m.grant.eligible, linesCents: m.grant.linesCents, unknownLines: m.grant.unknownLines, totalCents: m.grant.totalCents, issues: m.grant.issues, sources: m.grant.sources }} />
      </div>
    </div>
  );
}
