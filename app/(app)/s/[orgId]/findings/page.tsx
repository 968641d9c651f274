import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { FindingsTable } from "@/components/findings/findings-table";
import { serverCaller } from "@/server/api/rsc";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("na.findings"))("title") };
}

/** The school's findings from its national agency (the coordinator and the headteacher). */
export default async function SchoolFindingsPage({ params }: { params: Promise<{ orgId: string }> }) {
  const { orgId } = await params;
  const findings = await (await serverCaller()).findings.listForSchool({ orgId }).catch((error: unknown) => {
    // Not theirs to read (a teacher, say): the page does not exist for them, as for any other URL.
    if (error instanceof TRPCError && (error.code === "FORBIDDEN" || error.code === "NOT_FOUND")) notFound();
    throw error;
  });
  const t = await getTranslations("na.findings");
  return (
    <div className="grid grid-cols-[minmax(0,1fr)] gap-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
        <p className="text-sm text-muted-foreground">{t("schoolDescription")}</p>
      </div>
      <FindingsTable audience="school" findings={findings} basePath={`/s/${orgId}/findings`} />
    </div>
  );
}
