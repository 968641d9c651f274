import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ApiKeysPanel } from "@/components/integrations/api-keys-panel";
import { WebhooksPanel } from "@/components/integrations/webhooks-panel";
import { serverCaller } from "@/server/api/rsc";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("integrations"))("title") };
}

/** The NA's integrations: keys of the public API for each agency the officer serves. */
export default async function NaIntegrationsPage() {
  const { naCodes } = await (await serverCaller()).na.overview();
  const t = await getTranslations("integrations");
  return (
    <div className="grid grid-cols-[minmax(0,1fr)] gap-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
        <p className="text-sm text-muted-foreground">
          {t("naSubtitle")}{" "}
          <Link href="/api-reference" className="underline underline-offset-4">
            {t("reference")}
          </Link>
        </p>
      </div>
      {naCodes.map((naCode) => (
        <section key={naCode} className="grid gap-3">
          {naCodes.length > 1 && <h2 className="text-lg font-semibold">{naCode}</h2>}
          <ApiKeysPanel owner={{ kind: "na", naCode }} />
          <WebhooksPanel owner={{ kind: "na", naCode }} />
        </section>
      ))}
    </div>
  );
}
