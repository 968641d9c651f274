import { Plus } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { getFormatters } from "@/components/format-server";
import { can } from "@/lib/capabilities";
import { orNotFound, schoolMembership, serverCaller } from "@/server/api/rsc";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("projects"))("title") };
}

export default async function ProjectsPage({ params }: { params: Promise<{ orgId: string }> }) {
  const { orgId } = await params;
  const caller = await serverCaller();
  const [projects, { role }] = await Promise.all([orNotFound(caller.projects.list({ orgId })), schoolMembership(orgId)]);
  const t = await getTranslations("projects");
  const tStatus = await getTranslations("projectStatus");
  const fmt = await getFormatters();

  return (
    <div className="grid grid-cols-[minmax(0,1fr)] gap-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
          <p className="text-sm text-muted-foreground">{t("subtitle")}</p>
        </div>
        {can(role, "projects.manage") && (
          <Button asChild>
            <Link href={`/s/${orgId}/projects/new`}>
              <Plus className="size-4" aria-hidden />
              {t("new")}
            </Link>
          </Button>
        )}
      </div>
      {projects.length === 0 ? (
        <Card>
          <CardHeader>
            <CardTitle>{t("emptyTitle")}</CardTitle>
            <CardDescription>{t("emptyText")}</CardDescription>
          </CardHeader>
        </Card>
      ) : (
        <Card>
          <CardContent className="p-0">
            <Table>
              <TableHeader>
                <TableRow>
                  <TableHead>{t("columns.project")}</TableHead>
                  <TableHead>{t("columns.action")}</TableHead>
                  <TableHead className="hidden md:table-cell">{t("columns.period")}</TableHead>
                  <TableHead className="text-right">{t("columns.mobilities")}</TableHead>
                  <TableHead className="text-right">{t("columns.awarded")}</TableHead>
                  <TableHead>{t("columns.status")}</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {projects.map((p) => (
                  <TableRow key={p.id}>
                    <TableCell className="max-w-[22rem]">
                      <Link href={`/s/${orgId}/projects/${p.id}`} className="grid font-medium hover:underline">
                        <span className="truncate">{p.title}</span>
                        <span className="font-mono text-xs font-normal text-muted-foreground">{p.projectNumber}</span>
                      </Link>
                    </TableCell>
                    <TableCell>
                      <Badge variant="outline">{p.action}-{p.field}</Badge>
                    </TableCell>
                    <TableCell className="hidden whitespace-nowrap text-sm md:table-cell">
                      {fmt.date(p.startDate)} – {fmt.date(p.endDate)}
                    </TableCell>
                    <TableCell className="text-right tabular-nums">{p.mobilityCount}</TableCell>
                    <TableCell className="text-right whitespace-nowrap tabular-nums">{fmt.money(p.awardedTotalCents)}</TableCell>
                    <TableCell>
                      <Badge variant="secondary">{tStatus(p.status)}</Badge>
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
