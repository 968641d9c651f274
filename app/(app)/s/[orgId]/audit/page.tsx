import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { AuditTrailView } from "@/components/audit/audit-trail-view";
import { can } from "@/lib/capabilities";
import { schoolMembership, serverCaller } from "@/server/api/rsc";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("audit"))("title") };
}

export default async function SchoolAuditPage({ params }: { params: Promise<{ orgId: string }> }) {
  const { orgId } = await params;
  const caller = await serverCaller();
  const { role } = await schoolMembership(orgId);
  // Teachers do not read the trail (audit.* is FORBIDDEN for them; docs/decisions.md).
  if (!can(role, "audit.read")) notFound();
  const projects = await caller.projects.list({ orgId });
  const t = await getTranslations("audit");
  return (
    <div className="grid grid-cols-[minmax(0,1fr)] gap-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
        <p className="text-sm text-muted-foreground">{t("subtitle")}</p>
      </div>
      <AuditTrailView orgId={orgId} projects={projects.map((p) => ({ id: p.id, title: p.title }))} />
    </div>
  );
}
