import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { MobilityFormPage } from "../_components/mobility-form-page";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("mobilityForm"))("title") };
}

export default async function NewMobilityPage({ params }: { params: Promise<{ orgId: string; projectId: string }> }) {
  const { orgId, projectId } = await params;
  return <MobilityFormPage orgId={orgId} projectId={projectId} />;
}
