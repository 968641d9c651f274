import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { getFormatters } from "@/components/format-server";
import { AgreementRatesForm } from "@/components/projects/agreement-rates-form";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { can } from "@/lib/capabilities";
import { orNotFound, schoolMembership, serverCaller } from "@/server/api/rsc";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("agreementRates"))("title") };
}

export default async function AgreementRatesPage({ params }: { params: Promise<{ orgId: string; projectId: string }> }) {
  const { orgId, projectId } = await params;
  const caller = await serverCaller();
  const { role } = await schoolMembership(orgId);
  const project = await orNotFound(caller.projects.get({ orgId, projectId }));
  const rates = await caller.projects.agreementRates({ orgId, projectId });
  const t = await getTranslations("agreementRates");
  const fmt = await getFormatters();
  const format = await getFormatter();
  const decimal = (await getLocale()) === "sl" ? "," : ".";
  const people = ["staff", "pupil"] as const;

  return (
    <div className="grid grid-cols-[minmax(0,1fr)] gap-6">
      <div>
        <Link href={`/s/${orgId}/projects/${projectId}`} className="text-sm text-muted-foreground underline-offset-4 hover:underline">
          {t("backToProject")}
        </Link>
        <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
        <p className="text-sm text-muted-foreground">
          {project.title} · {project.projectNumber}
        </p>
      </div>

      <Card>
        <CardHeader>
          <CardTitle>{t("inForceTitle")}</CardTitle>
          <CardDescription>{t("inForceDescription", { naCode: rates.naCode, year: rates.callYear })}</CardDescription>
        </CardHeader>
        <CardContent className="overflow-x-auto">
          <Table data-testid="agreement-in-force">
            <TableHeader>
              <TableRow>
                <TableHead>{t("people")}</TableHead>
                {[1, 2, 3].map((group) => (
                  <TableHead key={group} className="text-right">
                    {t("group", { group })}
                  </TableHead>
                ))}
                <TableHead>{t("origin")}</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {people.map((person) => {
                const row = rates.individualSupport[person];
                return (
                  <TableRow key={person} data-testid={`in-force-${person}`}>
                    <TableCell className="font-medium">{t(person)}</TableCell>
                    {[0, 1, 2].map((index) => (
                      <TableCell key={index} className="text-right tabular-nums">
                        {row.cents ? fmt.money(row.cents[index] ?? 0) : t("missing")}
                      </TableCell>
                    ))}
                    <TableCell>
                      <Badge variant={row.origin === "agreement" ? "default" : "outline"}>{t(`origins.${row.origin ?? "none"}`)}</Badge>
                      {row.source && <p className="mt-1 text-xs text-muted-foreground">{row.source}</p>}
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </CardContent>
      </Card>

      {can(role, "projects.manage") && (
        <AgreementRatesForm
          orgId={orgId}
          projectId={projectId}
          baseVersion={rates.newestVersion}
          source={rates.source}
          current={rates.agreementIndividualSupport}
          figures={rates.figures}
          decimal={decimal}
        />
      )}

      {rates.versions.length > 0 && (
        <Card>
          <CardHeader>
            <CardTitle>{t("versionsTitle")}</CardTitle>
          </CardHeader>
          <CardContent>
            <ul className="grid gap-1 text-sm" data-testid="agreement-versions">
              {rates.versions.map((v) => (
                <li key={v.id}>
                  {t("versionLine", { version: v.version, source: v.source, by: v.createdByName ?? "—", date: format.dateTime(v.createdAt, { dateStyle: "medium", timeStyle: "short" }) })}
                </li>
              ))}
            </ul>
          </CardContent>
        </Card>
      )}
    </div>
  );
}
