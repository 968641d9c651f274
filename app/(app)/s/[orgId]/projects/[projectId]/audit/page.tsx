import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { AuditTrailView } from "@/components/audit/audit-trail-view";
import { can } from "@/lib/capabilities";
import { orNotFound, schoolMembership, serverCaller } from "@/server/api/rsc";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("audit"))("projectTitle") };
}

export default async function ProjectAuditPage({ params }: { params: Promise<{ orgId: string; projectId: string }> }) {
  const { orgId, projectId } = await params;
  const caller = await serverCaller();
  const { role } = await schoolMembership(orgId);
  if (!can(role, "audit.read")) notFound();
  const project = await orNotFound(caller.projects.get({ orgId, projectId }));
  const t = await getTranslations("audit");
  return (
    <div className="grid grid-cols-[minmax(0,1fr)] gap-6">
      <div>
        <Link href={`/s/${orgId}/projects/${projectId}`} className="text-sm text-muted-foreground underline-offset-4 hover:underline">
          {t("backToProject")}
        </Link>
        <h1 className="text-2xl font-semibold tracking-tight">{t("projectTitle")}</h1>
        <p className="text-sm text-muted-foreground">
          {project.title} · {project.projectNumber}
        </p>
      </div>
      <AuditTrailView orgId={orgId} projectId={projectId} />
    </div>
  );
}
