import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { can } from "@/lib/capabilities";
import { getQueryClient, HydrateClient, schoolMembership, trpc } from "@/server/api/rsc";
import { COUNTRY_GROUPS } from "@/server/rules/rates/country-groups";
import { PartnerForm } from "./_components/partner-form";
import { PartnerTable } from "./_components/partner-table";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("partners"))("title") };
}

export default async function PartnersPage({ params }: { params: Promise<{ orgId: string }> }) {
  const { orgId } = await params;
  const { role } = await schoolMembership(orgId);
  void getQueryClient().prefetchQuery(trpc.partners.list.queryOptions({ orgId }));
  const t = await getTranslations("partners");
  // Every country the engine knows a group for, in any call year.
  const countries = [...new Set(Object.values(COUNTRY_GROUPS).flatMap((groups) => Object.keys(groups ?? {})))].sort();
  return (
    <div className="grid grid-cols-[minmax(0,1fr)] gap-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
        <p className="text-sm text-muted-foreground">{t("subtitle")}</p>
      </div>
      {can(role, "partners.manage") && <PartnerForm orgId={orgId} countries={countries} />}
      <HydrateClient>
        <PartnerTable orgId={orgId} />
      </HydrateClient>
    </div>
  );
}
