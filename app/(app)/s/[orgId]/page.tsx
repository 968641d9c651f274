import { redirect } from "next/navigation";

export default async function SchoolHome({ params }: { params: Promise<{ orgId: string }> }) {
  const { orgId } = await params;
  redirect(`/s/${orgId}/projects`);
}
