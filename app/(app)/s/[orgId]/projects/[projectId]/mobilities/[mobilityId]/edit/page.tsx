import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { programmeCountries, toFormValues } from "@/components/mobilities/form-props";
import { MobilityForm } from "@/components/mobilities/mobility-form";
import { orNotFound, serverCaller } from "@/server/api/rsc";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("mobilityForm"))("editTitle") };
}

export default async function EditMobilityPage({ params }: { params: Promise<{ orgId: string; projectId: string; mobilityId: string }> }) {
  const { orgId, projectId, mobilityId } = await params;
  const caller = await serverCaller();
  const [project, mobility, participants, me] = await Promise.all([
    orNotFound(caller.projects.get({ orgId, projectId })),
    orNotFound(caller.mobilities.get({ orgId, mobilityId })),
    caller.participants.list({ orgId }),
    caller.me.context(),
  ]);
  const school = me.organisations.find((o) => o.id === orgId);
  if (!school || !mobility.canEdit || mobility.projectId !== projectId) notFound();
  const t = await getTranslations("mobilityForm");
  return (
    <div className="grid grid-cols-[minmax(0,1fr)] gap-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">{t("editTitle")}</h1>
        <p className="text-sm text-muted-foreground">
          {project.title} · <span className="font-mono">{project.projectNumber}</span>
        </p>
      </div>
      <MobilityForm
        orgId={orgId}
        projectId={projectId}
        participants={participants.map((p) => ({ id: p.id, label: `${p.firstName} ${p.lastName}`, kind: p.kind }))}
        countries={programmeCountries(project.callYear)}
        schoolTown={school.town}
        specialCategory={school.specialCategory}
        existing={{ mobilityId, version: mobility.version, values: toFormValues(mobility) }}
      />
    </div>
  );
}
