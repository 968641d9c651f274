import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { FindingStatusBadge } from "@/components/na/finding-thread";
import { Card, CardContent, CardDescription, CardHeader } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
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
  const format = await getFormatter();
  return (
    <div className="grid grid-cols-[minmax(0,1fr)] gap-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
        <p className="text-sm text-muted-foreground">{t("schoolDescription")}</p>
      </div>
      {findings.length === 0 ? (
        <Card>
          <CardHeader>
            <CardDescription>{t("empty")}</CardDescription>
          </CardHeader>
        </Card>
      ) : (
        <Card>
          <CardContent className="p-0">
            <Table>
              <TableHeader>
                <TableRow>
                  <TableHead>{t("columns.title")}</TableHead>
                  <TableHead>{t("columns.status")}</TableHead>
                  <TableHead className="hidden text-right sm:table-cell">{t("columns.updated")}</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {findings.map((f) => (
                  <TableRow key={f.id} data-testid="finding-row">
                    <TableCell className="max-w-[26rem]">
                      <Link href={`/s/${orgId}/findings/${f.id}`} className="grid hover:underline">
                        <span className="truncate font-medium">{f.title}</span>
                        <span className="truncate text-xs text-muted-foreground">{f.projectTitle} · <span className="font-mono">{f.projectNumber}</span></span>
                      </Link>
                    </TableCell>
                    <TableCell>
                      <FindingStatusBadge status={f.status} />
                    </TableCell>
                    <TableCell className="hidden whitespace-nowrap text-right text-sm sm:table-cell">
                      {format.dateTime(f.updatedAt, { dateStyle: "medium", timeStyle: "short" })}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </CardContent>
        </Card>
      )}
    </div>
  );
}
