import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { can } from "@/lib/capabilities";
import { getQueryClient, HydrateClient, schoolMembership, trpc } from "@/server/api/rsc";
import { ParticipantForm } from "./_components/participant-form";
import { ParticipantTable } from "./_components/participant-table";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("participants"))("title") };
}

export default async function ParticipantsPage({ params }: { params: Promise<{ orgId: string }> }) {
  const { orgId } = await params;
  const { role, specialCategory } = await schoolMembership(orgId);
  void getQueryClient().prefetchQuery(trpc.participants.list.queryOptions({ orgId }));
  const t = await getTranslations("participants");
  return (
    <div className="grid grid-cols-[minmax(0,1fr)] gap-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
        <p className="text-sm text-muted-foreground">{t("subtitle")}</p>
      </div>
      {can(role, "participants.manage") && <ParticipantForm orgId={orgId} specialCategory={specialCategory} />}
      <HydrateClient>
        <ParticipantTable orgId={orgId} canEdit={can(role, "participants.manage")} specialCategory={specialCategory} />
      </HydrateClient>
    </div>
  );
}
