import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { FindingsTable } from "@/components/findings/findings-table";
import { serverCaller } from "@/server/api/rsc";
import { FINDING_STATUSES, type TFindingStatus } from "@/server/schemas/na";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("na.findings"))("title") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function OfficerFindingsPage({ searchParams }: { searchParams: SearchParams }) {
  const raw = (await searchParams).status;
  const status = (FINDING_STATUSES as readonly unknown[]).includes(raw) ? (raw as TFindingStatus) : undefined;
  const findings = await (await serverCaller()).na.findings(status ? { status } : {});
  const t = await getTranslations("na.findings");
  return (
    <div className="grid grid-cols-[minmax(0,1fr)] gap-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
        <p className="text-sm text-muted-foreground">{t("description")}</p>
      </div>
      <nav className="flex flex-wrap gap-2 text-sm">
        {[undefined, ...FINDING_STATUSES].map((s) => (
          <Link
            key={s ?? "all"}
            href={s ? `/na/findings?status=${s}` : "/na/findings"}
            aria-current={s === status ? "page" : undefined}
            className="rounded-md border px-3 py-1 hover:bg-accent aria-[current=page]:bg-accent aria-[current=page]:font-medium"
          >
            {s ? t(`status.${s}`) : t("allStatuses")}
          </Link>
        ))}
      </nav>
      <FindingsTable audience="officer" findings={findings} basePath="/na/findings" />
    </div>
  );
}
