import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { MobilityFormPage } from "../../_components/mobility-form-page";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("mobilityForm"))("editTitle") };
}

export default async function EditMobilityPage({ params }: { params: Promise<{ orgId: string; projectId: string; mobilityId: string }> }) {
  const { orgId, projectId, mobilityId } = await params;
  return <MobilityFormPage orgId={orgId} projectId={projectId} mobilityId={mobilityId} />;
}
