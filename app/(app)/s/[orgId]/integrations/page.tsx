import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { can } from "@/lib/capabilities";
import { ApiKeysPanel } from "@/components/integrations/api-keys-panel";
import { WebhooksPanel } from "@/components/integrations/webhooks-panel";
import { schoolMembership } from "@/server/api/rsc";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("integrations"))("title") };
}

/** The school's integrations: keys of the public API (docs/api.md). The school admin and the coordinator only. */
export default async function IntegrationsPage({ params }: { params: Promise<{ orgId: string }> }) {
  const { orgId } = await params;
  const { role, specialCategory } = await schoolMembership(orgId);
  if (!can(role, "integrations.manage")) notFound();
  const t = await getTranslations("integrations");
  return (
    <div className="grid grid-cols-[minmax(0,1fr)] gap-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
        <p className="text-sm text-muted-foreground">
          {t("subtitle")}{" "}
          <Link href="/api-reference" className="underline underline-offset-4">
            {t("reference")}
          </Link>
        </p>
      </div>
      <ApiKeysPanel owner={{ kind: "school", orgId, specialCategory }} />
      <WebhooksPanel owner={{ kind: "school", orgId, specialCategory }} />
    </div>
  );
}
