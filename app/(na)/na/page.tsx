import { Download } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { getFormatters } from "@/components/format-server";
import { FlagLinks, RiskBadge } from "@/components/na/flag-list";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { serverCaller } from "@/server/api/rsc";
import { COMPLIANCE_FLAGS, PORTFOLIO_SORTS, ZPortfolioQuery, type TPortfolioQuery } from "@/server/schemas/na";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("na.portfolio"))("title") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) || undefined;

/** The filters live in the URL (a plain GET form): every view of the portfolio can be linked and reloaded. */
function parseQuery(params: Record<string, string | string[] | undefined>): TPortfolioQuery {
  const numberOf = (value: string | undefined) => (value && /^\d+$/.test(value) ? Number(value) : undefined);
  const parsed = ZPortfolioQuery.safeParse({
    naCode: one(params.na),
    schoolId: one(params.school),
    callYear: numberOf(one(params.year)),
    flag: one(params.flag),
    onlyFlagged: one(params.flagged) === "1",
    search: one(params.q),
    sort: one(params.sort),
    page: numberOf(one(params.page)),
    pageSize: numberOf(one(params.size)),
  });
  return parsed.success ? parsed.data : ZPortfolioQuery.parse({});
}

const selectClass =
  "h-9 w-full rounded-md border border-input bg-transparent px-3 text-sm shadow-xs focus-visible:border-ring focus-visible:ring-[3px] focus-visible:ring-ring/50";

export default async function PortfolioPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const query = parseQuery(params);
  const caller = await serverCaller();
  const [portfolio, overview, schools] = await Promise.all([
    caller.na.portfolio(query),
    caller.na.overview(),
    caller.na.schools(query.naCode ? { naCode: query.naCode } : {}),
  ]);
  const t = await getTranslations("na.portfolio");
  const tFlags = await getTranslations("na.flags");
  const tStatus = await getTranslations("projectStatus");
  const fmt = await getFormatters();
  const pages = Math.max(1, Math.ceil(portfolio.total / query.pageSize));
  const years = [...new Set(overview.callYears.map((y) => y.callYear))].sort((a, b) => b - a);
  const pageHref = (page: number) => {
    const next = new URLSearchParams();
    for (const [key, value] of Object.entries(params)) {
      const v = one(value);
      if (v && key !== "page") next.set(key, v);
    }
    next.set("page", String(page));
    return `/na?${next.toString()}`;
  };
  const downloadNa = query.naCode ?? overview.naCodes[0] ?? "";

  return (
    <div className="grid grid-cols-[minmax(0,1fr)] gap-6">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
          <p className="text-sm text-muted-foreground">{t("description")}</p>
        </div>
        <div className="flex flex-wrap gap-2">
          {query.schoolId && (
            <Button variant="outline" asChild>
              <a href={`/api/na/audit-report?school=${query.schoolId}`} data-testid="download-school">
                <Download className="size-4" aria-hidden />
                {t("downloadSchool")}
              </a>
            </Button>
          )}
          <Button variant="outline" asChild>
            <a href={`/api/na/audit-report?na=${downloadNa}`} data-testid="download-na">
              <Download className="size-4" aria-hidden />
              {t("downloadNa", { na: downloadNa })}
            </a>
          </Button>
        </div>
      </div>

      <Card>
        <CardHeader>
          <CardTitle className="text-base">{t("filters")}</CardTitle>
        </CardHeader>
        <CardContent>
          <form method="get" action="/na" className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
            {overview.naCodes.length > 1 && (
              <div className="grid gap-1.5">
                <Label htmlFor="f-na">{t("agency")}</Label>
                <select id="f-na" name="na" defaultValue={query.naCode ?? ""} className={selectClass}>
                  <option value="">{t("allAgencies")}</option>
                  {overview.naCodes.map((code) => (
                    <option key={code} value={code}>{code}</option>
                  ))}
                </select>
              </div>
            )}
            <div className="grid gap-1.5">
              <Label htmlFor="f-school">{t("school")}</Label>
              <select id="f-school" name="school" defaultValue={query.schoolId ?? ""} className={selectClass}>
                <option value="">{t("allSchools")}</option>
                {schools.map((s) => (
                  <option key={s.id} value={s.id}>{s.name} ({t("schoolProjects", { count: s.projectCount })})</option>
                ))}
              </select>
            </div>
            <div className="grid gap-1.5">
              <Label htmlFor="f-year">{t("callYear")}</Label>
              <select id="f-year" name="year" defaultValue={query.callYear ? String(query.callYear) : ""} className={selectClass}>
                <option value="">{t("allYears")}</option>
                {years.map((y) => (
                  <option key={y} value={y}>{y}</option>
                ))}
              </select>
            </div>
            <div className="grid gap-1.5">
              <Label htmlFor="f-flag">{t("flag")}</Label>
              <select id="f-flag" name="flag" defaultValue={query.flag ?? ""} className={selectClass}>
                <option value="">{t("anyFlag")}</option>
                {COMPLIANCE_FLAGS.map((flag) => (
                  <option key={flag} value={flag}>{tFlags(flag)}</option>
                ))}
              </select>
            </div>
            <div className="grid gap-1.5">
              <Label htmlFor="f-sort">{t("sort")}</Label>
              <select id="f-sort" name="sort" defaultValue={query.sort} className={selectClass}>
                {PORTFOLIO_SORTS.map((sort) => (
                  <option key={sort} value={sort}>{t(`sorts.${sort}`)}</option>
                ))}
              </select>
            </div>
            <div className="grid gap-1.5 lg:col-span-2">
              <Label htmlFor="f-q">{t("search")}</Label>
              <Input id="f-q" name="q" defaultValue={query.search ?? ""} placeholder={t("searchPlaceholder")} />
            </div>
            <div className="flex items-end gap-3">
              <label className="flex h-9 items-center gap-2 text-sm">
                <input type="checkbox" name="flagged" value="1" defaultChecked={query.onlyFlagged} className="size-4 accent-primary" />
                {t("onlyFlagged")}
              </label>
            </div>
            <div className="flex items-end gap-2 sm:col-span-2 lg:col-span-4 lg:justify-end">
              <Button type="submit">{t("apply")}</Button>
              <Button variant="ghost" asChild>
                <Link href="/na">{t("reset")}</Link>
              </Button>
            </div>
          </form>
        </CardContent>
      </Card>

      <div className="flex items-center justify-between gap-2">
        <p className="text-sm text-muted-foreground" data-testid="portfolio-total">{t("total", { count: portfolio.total })}</p>
      </div>

      {portfolio.rows.length === 0 ? (
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
                  <TableHead>{t("columns.project")}</TableHead>
                  <TableHead className="hidden lg:table-cell">{t("columns.period")}</TableHead>
                  <TableHead className="hidden text-right md:table-cell">{t("columns.budget")}</TableHead>
                  <TableHead>{t("columns.flags")}</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {portfolio.rows.map((row) => (
                  <TableRow key={row.projectId} data-testid="portfolio-row" data-project-number={row.projectNumber}>
                    <TableCell className="max-w-[24rem] align-top">
                      <Link href={`/na/projects/${row.projectId}`} className="grid gap-0.5 hover:underline">
                        <span className="truncate font-medium">{row.title}</span>
                        <span className="font-mono text-xs text-muted-foreground">{row.projectNumber}</span>
                      </Link>
                      <span className="mt-1 flex flex-wrap items-center gap-1 text-xs text-muted-foreground">
                        {row.schoolName}
                        <Badge variant="outline">{row.action}</Badge>
                        <Badge variant="secondary">{tStatus(row.status)}</Badge>
                      </span>
                    </TableCell>
                    <TableCell className="hidden whitespace-nowrap align-top text-sm lg:table-cell">
                      {fmt.date(row.startDate)} – {fmt.date(row.endDate)}
                      <span className="block text-xs text-muted-foreground">{t("mobilities", { count: row.mobilityCount })}</span>
                    </TableCell>
                    <TableCell className="hidden whitespace-nowrap text-right align-top text-sm tabular-nums md:table-cell">
                      {t("committedOfAwarded", { committed: fmt.money(row.committedTotalCents), awarded: fmt.money(row.awardedTotalCents) })}
                    </TableCell>
                    <TableCell className="align-top">
                      <div className="grid gap-1.5">
                        <RiskBadge risk={row.risk} />
                        <FlagLinks projectId={row.projectId} flags={row.flags} />
                      </div>
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </CardContent>
        </Card>
      )}

      {pages > 1 && (
        <nav className="flex items-center justify-between gap-2" aria-label={t("page", { page: query.page, pages })}>
          <Button variant="outline" size="sm" asChild disabled={query.page <= 1}>
            {query.page > 1 ? <Link href={pageHref(query.page - 1)}>{t("previous")}</Link> : <span>{t("previous")}</span>}
          </Button>
          <span className="text-sm text-muted-foreground">{t("page", { page: query.page, pages })}</span>
          <Button variant="outline" size="sm" asChild>
            {query.page < pages ? <Link href={pageHref(query.page + 1)}>{t("next")}</Link> : <span>{t("next")}</span>}
          </Button>
        </nav>
      )}
    </div>
  );
}
