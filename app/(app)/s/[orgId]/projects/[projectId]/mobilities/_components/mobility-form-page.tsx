import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { can } from "@/lib/capabilities";
import { orNotFound, schoolMembership, serverCaller } from "@/server/api/rsc";
import { programmeCountries, toFormValues } from "../../_components/mobility-form-props";
import { MobilityForm } from "@/components/mobilities/mobility-form";

/**
 * The page around the mobility form, for logging a new mobility (coordinators) or editing one
 * (whoever `mobilities.get` says may edit it). Another school's ids are a 404.
 */
export async function MobilityFormPage({ orgId, projectId, mobilityId }: { orgId: string; projectId: string; mobilityId?: string }) {
  const caller = await serverCaller();
  const [project, mobility, participants, school] = await Promise.all([
    orNotFound(caller.projects.get({ orgId, projectId })),
    mobilityId ? orNotFound(caller.mobilities.get({ orgId, mobilityId })) : Promise.resolve(null),
    caller.participants.list({ orgId }),
    schoolMembership(orgId),
  ]);
  const allowed = mobility ? mobility.canEdit && mobility.projectId === projectId : can(school.role, "mobility.log");
  if (!allowed) notFound();
  const t = await getTranslations("mobilityForm");
  return (
    <div className="grid grid-cols-[minmax(0,1fr)] gap-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">{mobility ? t("editTitle") : t("title")}</h1>
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
        existing={mobility ? { mobilityId: mobility.id, version: mobility.version, values: toFormValues(mobility) } : undefined}
      />
    </div>
  );
}
