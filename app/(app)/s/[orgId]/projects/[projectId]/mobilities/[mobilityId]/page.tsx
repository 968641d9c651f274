import { ArrowLeft, Leaf } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { getFormatters } from "@/components/format-server";
import { EvidenceChecklist } from "@/components/evidence/evidence-checklist";
import { GrantPanel } from "@/components/mobilities/grant-panel";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { can } from "@/lib/capabilities";
import { orNotFound, schoolMembership, serverCaller } from "@/server/api/rsc";
import { MobilityActions } from "./_components/mobility-actions";

type Params = Promise<{ orgId: string; projectId: string; mobilityId: string }>;

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("mobility"))("storedGrant") };
}

const STATUS_VARIANT = { draft: "outline", planned: "secondary", completed: "success", cancelled: "destructive" } as const;

export default async function MobilityPage({ params }: { params: Params }) {
  const { orgId, projectId, mobilityId } = await params;
  const caller = await serverCaller();
  const [m, { role }] = await Promise.all([orNotFound(caller.mobilities.get({ orgId, mobilityId })), schoolMembership(orgId)]);
  if (m.projectId !== projectId) notFound();
  const t = await getTranslations("mobility");
  const tActivity = await getTranslations("activities");
  const tStatus = await getTranslations("mobilityStatus");
  const fmt = await getFormatters();
  const locale = await getLocale();
  const region = new Intl.DisplayNames([locale], { type: "region" });
  const name = (id: string | null) => {
    const person = m.people.find((p) => p.id === id);
    return person ? `${person.firstName} ${person.lastName}` : "—";
  };
  const incoming = m.activityType === "OA-INV-EXP" || m.activityType === "OA-HOS-TTT";
  const grant = {
    eligible: m.grantEligible,
    totalCents: m.grantTotalCents,
    linesCents: {
      travel: m.grantTravelCents,
      individualSupport: m.grantIndividualSupportCents,
      organisationalSupport: m.grantOrganisationalSupportCents,
      courseFees: m.grantCourseFeesCents,
      // Absent without the special-category permission (services/permissions.ts): the line is not shown.
      inclusionSupport: m.grantInclusionSupportCents ?? 0,
      linguisticSupport: m.grantLinguisticSupportCents,
      exceptionalCosts: m.grantExceptionalCostsCents,
      preparatoryVisits: m.grantPreparatoryVisitsCents,
    },
    unknownLines: m.grantUnknownLines,
    issues: m.grantIssues,
    sources: m.grantSources ?? [],
  };

  return (
    <div className="grid grid-cols-[minmax(0,1fr)] gap-6">
      <Link href={`/s/${orgId}/projects/${projectId}`} className="flex items-center gap-1 text-sm text-muted-foreground hover:underline">
        <ArrowLeft className="size-4" aria-hidden /> {t("back")}
      </Link>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="grid gap-1">
          <div className="flex flex-wrap items-center gap-2">
            <Badge variant="outline" className="font-mono">{m.activityType}</Badge>
            <Badge variant={STATUS_VARIANT[m.status]}>{tStatus(m.status)}</Badge>
          </div>
          <h1 className="text-2xl font-semibold tracking-tight">{tActivity(m.activityType)}</h1>
          <p className="text-muted-foreground">{name(m.participantId)}</p>
        </div>
        {m.canEdit && (
          <MobilityActions orgId={orgId} projectId={projectId} mobilityId={m.id} version={m.version} status={m.status} manage={can(role, "mobility.setStatus")} />
        )}
      </div>
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem] lg:items-start">
        <div className="grid gap-6">
          <Card>
            <CardContent className="grid gap-4 pt-6 sm:grid-cols-2">
              <div>
                <p className="text-xs text-muted-foreground">{t("dates")}</p>
                <p>{fmt.date(m.startDate)} – {fmt.date(m.endDate)}</p>
              </div>
              <div>
                <p className="text-xs text-muted-foreground">{t("travel")}</p>
                <p className="flex items-center gap-1">
                  {t("travelDays", { count: m.travelDays })}
                  {m.greenTravel && (<><Leaf className="size-3.5 text-success" aria-hidden /> {t("green")}</>)}
                </p>
              </div>
              <div>
                <p className="text-xs text-muted-foreground">{incoming ? t("guestFrom") : t("receiving")}</p>
                <p>{m.receivingOrganisation}</p>
                <p className="text-sm text-muted-foreground">{m.destinationTown}, {region.of(m.destinationCountry) ?? m.destinationCountry}</p>
              </div>
              <div>
                <p className="text-xs text-muted-foreground">{t("distanceLabel")}</p>
                <p>{m.distanceKm === null ? t("noDistance") : t("distance", { km: m.distanceKm, source: t(`distanceSource.${m.distanceSource}`) })}</p>
              </div>
              {m.notes && (
                <div className="sm:col-span-2">
                  <p className="text-xs text-muted-foreground">{t("notes")}</p>
                  <p className="whitespace-pre-wrap">{m.notes}</p>
                </div>
              )}
            </CardContent>
          </Card>
          {m.activityType === "LM-GRP-PUPIL" && (
            <Card>
              <CardHeader>
                <CardTitle>{t("people")}</CardTitle>
              </CardHeader>
              <CardContent>
                <ul className="grid gap-1 text-sm" data-testid="group-people">
                  <li>{t("lead")}: {name(m.participantId)}</li>
                  {m.members.map((member) => (
                    <li key={member.id}>
                      {member.role === "pupil" ? t("namedPupil") : t("accompanying")}: {member.participantId ? name(member.participantId) : "—"}
                    </li>
                  ))}
                  {m.pupilCount > 0 && <li>{t("pupilsCounted", { count: m.pupilCount })}</li>}
                </ul>
              </CardContent>
            </Card>
          )}
          <EvidenceChecklist orgId={orgId} mobilityId={m.id} canEdit={can(role, "evidence.edit")} />
        </div>
        <GrantPanel grant={grant} title={t("storedGrant")} />
      </div>
    </div>
  );
}
