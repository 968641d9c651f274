import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { FindingStatusBadge } from "@/components/na/finding-thread";
import { Card, CardContent, CardDescription, CardHeader } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
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
  const format = await getFormatter();
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
                  <TableHead className="hidden md:table-cell">{t("columns.school")}</TableHead>
                  <TableHead>{t("columns.status")}</TableHead>
                  <TableHead className="hidden text-right sm:table-cell">{t("columns.updated")}</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {findings.map((f) => (
                  <TableRow key={f.id} data-testid="finding-row">
                    <TableCell className="max-w-[22rem]">
                      <Link href={`/na/findings/${f.id}`} className="grid hover:underline">
                        <span className="truncate font-medium">{f.title}</span>
                        <span className="font-mono text-xs text-muted-foreground">{f.projectNumber}</span>
                      </Link>
                    </TableCell>
                    <TableCell className="hidden text-sm md:table-cell">{f.schoolName}</TableCell>
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
