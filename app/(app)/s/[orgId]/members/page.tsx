import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { can } from "@/lib/capabilities";
import { getQueryClient, HydrateClient, schoolMembership, trpc } from "@/server/api/rsc";
import { InviteForm } from "./_components/invite-form";
import { MemberList } from "./_components/member-list";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("members"))("title") };
}

export default async function MembersPage({ params }: { params: Promise<{ orgId: string }> }) {
  const { orgId } = await params;
  const { role } = await schoolMembership(orgId);
  // Teachers have no members page (members.list is FORBIDDEN for them).
  if (!can(role, "members.read")) notFound();
  void getQueryClient().prefetchQuery(trpc.members.list.queryOptions({ orgId }));
  const t = await getTranslations("members");
  return (
    <div className="grid grid-cols-[minmax(0,1fr)] gap-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
        <p className="text-sm text-muted-foreground">{t("subtitle")}</p>
      </div>
      {can(role, "members.invite") && <InviteForm orgId={orgId} role={role} />}
      <HydrateClient>
        <MemberList orgId={orgId} role={role} />
      </HydrateClient>
    </div>
  );
}
