import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { can } from "@/lib/capabilities";
import { schoolMembership } from "@/server/api/rsc";
import { ProjectForm } from "./_components/project-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("projectForm"))("title") };
}

export default async function NewProjectPage({ params }: { params: Promise<{ orgId: string }> }) {
  const { orgId } = await params;
  const org = await schoolMembership(orgId);
  if (!can(org.role, "projects.manage")) notFound();
  const t = await getTranslations("projectForm");
  return (
    <div className="grid grid-cols-[minmax(0,1fr)] gap-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
        <p className="text-sm text-muted-foreground">{t("subtitle", { naCode: org.naCode })}</p>
      </div>
      <ProjectForm orgId={orgId} naCode={org.naCode} />
    </div>
  );
}
