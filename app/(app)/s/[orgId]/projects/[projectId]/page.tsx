import { FileSignature, FileSpreadsheet, Gauge, History, Plus } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { getFormatters } from "@/components/format-server";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Progress } from "@/components/ui/progress";
import { can } from "@/lib/capabilities";
import { getQueryClient, HydrateClient, orNotFound, schoolMembership, serverCaller, trpc } from "@/server/api/rsc";
import { mobilityListInput, parseMobilityListSearch } from "@/server/schemas/mobility-list";
import { BUDGET_CATEGORIES } from "@/server/schemas/projects";
import { programmeCountries } from "./_components/mobility-form-props";
import { MobilityTable } from "./_components/mobility-table";

type Params = Promise<{ orgId: string; projectId: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { orgId, projectId } = await params;
  try {
    const project = await (await serverCaller()).projects.get({ orgId, projectId });
    return { title: project.projectNumber };
  } catch {
    return {};
  }
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function ProjectPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const { orgId, projectId } = await params;
  const caller = await serverCaller();
  const [project, { role }] = await Promise.all([orNotFound(caller.projects.get({ orgId, projectId })), schoolMembership(orgId)]);
  // The list's filters, sort and page are in the URL: prefetch exactly the view the client will ask for.
  const listState = parseMobilityListSearch(await searchParams);
  void getQueryClient().prefetchQuery(trpc.mobilities.list.queryOptions(mobilityListInput(orgId, projectId, listState)));
  const cap = project.participantCap;
  const t = await getTranslations("project");
  const tStatus = await getTranslations("projectStatus");
  const tCat = await getTranslations("budgetCategories");
  const tDashboard = await getTranslations("dashboard");
  const tAudit = await getTranslations("audit");
  const tAgreement = await getTranslations("agreementRates");
  const tBm = await getTranslations("bm");
  const fmt = await getFormatters();
  const awardedLines = BUDGET_CATEGORIES.filter((c) => project.awarded[c] > 0);

  return (
    <div className="grid grid-cols-[minmax(0,1fr)] gap-6">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="grid gap-1">
          <div className="flex flex-wrap items-center gap-2">
            <Badge variant="outline">{project.action}-{project.field}</Badge>
            <Badge variant="secondary">{tStatus(project.status)}</Badge>
          </div>
          <h1 className="text-2xl font-semibold tracking-tight">{project.title}</h1>
          <p className="font-mono text-sm text-muted-foreground">{project.projectNumber}</p>
          <p className="text-sm text-muted-foreground">
            {t("period", { start: fmt.date(project.startDate), end: fmt.date(project.endDate), year: project.callYear })}
          </p>
        </div>
        <Button asChild variant="outline" data-testid="open-dashboard">
          <Link href={`/s/${orgId}/projects/${projectId}/dashboard`}>
            <Gauge className="size-4" aria-hidden />
            {tDashboard("openDashboard")}
          </Link>
        </Button>
        {(project.action === "KA121" || project.action === "KA122") && (
          <Button asChild variant="outline" data-testid="open-bm">
            <Link href={`/s/${orgId}/projects/${projectId}/bm`}>
              <FileSpreadsheet className="size-4" aria-hidden />
              {tBm("title")}
            </Link>
          </Button>
        )}
        {can(role, "audit.read") && (
          <Button asChild variant="outline">
            <Link href={`/s/${orgId}/projects/${projectId}/audit`}>
              <History className="size-4" aria-hidden />
              {tAudit("projectTitle")}
            </Link>
          </Button>
        )}
        <Button asChild variant="outline" data-testid="open-agreement-rates">
          <Link href={`/s/${orgId}/projects/${projectId}/agreement-rates`}>
            <FileSignature className="size-4" aria-hidden />
            {tAgreement("openPage")}
          </Link>
        </Button>
        {can(role, "mobility.log") && (
          <Button asChild>
            <Link href={`/s/${orgId}/projects/${projectId}/mobilities/new`}>
              <Plus className="size-4" aria-hidden />
              {t("logMobility")}
            </Link>
          </Button>
        )}
      </div>

      <div className="grid gap-4 md:grid-cols-3">
        <Card>
          <CardHeader>
            <CardDescription>{t("participants")}</CardDescription>
            <CardTitle className="text-3xl tabular-nums" data-testid="participants-used">
              {cap === null ? project.participantsUsed : t("usedOfCap", { used: project.participantsUsed, cap })}
            </CardTitle>
          </CardHeader>
          {cap !== null && (
            <CardContent>
              <Progress
                value={project.participantsUsed}
                max={cap}
                aria-label={t("participants")}
                variant={project.participantsUsed >= cap ? "destructive" : project.participantsUsed >= cap - 3 ? "warning" : "default"}
              />
              <p className="mt-2 text-xs text-muted-foreground">{t("capNote")}</p>
            </CardContent>
          )}
        </Card>
        <Card>
          <CardHeader>
            <CardDescription>{t("awardedTotal")}</CardDescription>
            <CardTitle className="text-3xl tabular-nums" data-testid="awarded-total">
              {fmt.money(project.awardedTotalCents)}
            </CardTitle>
          </CardHeader>
          <CardContent>
            <dl className="grid gap-1 text-sm">
              {awardedLines.map((c) => (
                <div key={c} className="flex justify-between gap-2">
                  <dt className="text-muted-foreground">{tCat(c)}</dt>
                  <dd className="tabular-nums">{fmt.money(project.awarded[c])}</dd>
                </div>
              ))}
            </dl>
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardDescription>{t("mobilities")}</CardDescription>
            <CardTitle className="text-3xl tabular-nums">{project.mobilityCount}</CardTitle>
          </CardHeader>
        </Card>
      </div>

      <HydrateClient>
        <MobilityTable
          orgId={orgId}
          projectId={projectId}
          canManage={can(role, "mobility.setStatus")}
          countries={programmeCountries(project.callYear)}
        />
      </HydrateClient>
    </div>
  );
}
