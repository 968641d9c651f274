import type { Metadata } from "next";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { getFormatters } from "@/components/format-server";
import { rateTableFigureText } from "@/lib/rule-text";
import { IndividualSupportForm, ReapplyCard } from "@/components/na/rates-forms";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Label } from "@/components/ui/label";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { serverCaller } from "@/server/api/rsc";
import { figureValueText } from "../_components/figure-value";
import type { TFigureUnit, TFigureValue } from "@/server/services/na-rates";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("na.rates"))("title") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) || undefined;
const CALL_YEARS = [2021, 2022, 2023, 2024, 2025, 2026, 2027] as const;

const selectClass =
  "h-9 w-full rounded-md border border-input bg-transparent px-3 text-sm shadow-xs focus-visible:border-ring focus-visible:ring-[3px] focus-visible:ring-ring/50";

export default async function NaRatesPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const caller = await serverCaller();
  const overview = await caller.na.overview();
  const naCode = overview.naCodes.find((c) => c === one(params.na)) ?? overview.naCodes[0] ?? "";
  const yearParam = Number(one(params.year));
  const ownYears = overview.callYears.filter((y) => y.naCode === naCode).map((y) => y.callYear);
  const callYear = (CALL_YEARS as readonly number[]).includes(yearParam) ? yearParam : Math.max(2025, ...ownYears);
  const rates = await caller.na.rates({ naCode, callYear });
  const t = await getTranslations("na.rates");
  const fmt = await getFormatters();
  const format = await getFormatter();
  const locale = await getLocale();
  const decimal = locale === "sl" ? "," : ".";
  const [rules, figures, activities] = await Promise.all([getTranslations("rules"), getTranslations("figures"), getTranslations("activities")]);
  const translators = { rules, figures, activities, locale };

  const valueText = (value: TFigureValue, unit: TFigureUnit) =>
    figureValueText(value, unit, { money: fmt.money, number: (n) => format.number(n), t: (key, values) => t(key, values) });

  return (
    <div className="grid grid-cols-[minmax(0,1fr)] gap-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
        <p className="text-sm text-muted-foreground">{t("description")}</p>
      </div>
      <form method="get" action="/na/rates" className="flex flex-wrap items-end gap-3">
        {overview.naCodes.length > 1 && (
          <div className="grid gap-1.5">
            <Label htmlFor="r-na">{t("agency")}</Label>
            <select id="r-na" name="na" defaultValue={naCode} className={selectClass}>
              {overview.naCodes.map((code) => (
                <option key={code} value={code}>{code}</option>
              ))}
            </select>
          </div>
        )}
        <div className="grid gap-1.5">
          <Label htmlFor="r-year">{t("callYear")}</Label>
          <select id="r-year" name="year" defaultValue={String(callYear)} className={selectClass} data-testid="rates-year">
            {CALL_YEARS.map((y) => (
              <option key={y} value={y}>{y}</option>
            ))}
          </select>
        </div>
        <Button type="submit" variant="outline">{t("show")}</Button>
      </form>

      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <IndividualSupportForm
          key={`${naCode}-${callYear}-${rates.newestVersion ?? 0}`}
          naCode={naCode}
          callYear={callYear}
          baseVersion={rates.newestVersion}
          current={rates.individualSupport}
          decimal={decimal}
        />
        <div className="grid content-start gap-6">
          <ReapplyCard naCode={naCode} callYear={callYear} total={rates.projects.total} onNewest={rates.projects.onNewest} />
          <Card>
            <CardHeader>
              <CardTitle>{t("versionsTitle")}</CardTitle>
              {rates.versions.length === 0 && <CardDescription>{t("noVersions")}</CardDescription>}
            </CardHeader>
            {rates.versions.length > 0 && (
              <CardContent>
                <ol className="grid gap-2 text-sm" data-testid="rate-versions">
                  {rates.versions.map((v, i) => (
                    <li key={v.id} className="grid gap-0.5 rounded-md border p-2">
                      <span className="flex items-center gap-2 font-medium">
                        {t("version", { version: v.version })}
                        {i === 0 && <Badge variant="secondary">{t("newest")}</Badge>}
                      </span>
                      <span className="text-xs text-muted-foreground">
                        {t("versionBy", { date: format.dateTime(v.createdAt, { dateStyle: "medium", timeStyle: "short" }), name: v.createdByName ?? "—" })}
                      </span>
                      {v.note && <span className="text-xs">{v.note}</span>}
                    </li>
                  ))}
                </ol>
              </CardContent>
            )}
          </Card>
        </div>
      </div>

      <Card>
        <CardHeader>
          <CardTitle>{t("figuresTitle", { year: callYear })}</CardTitle>
          <CardDescription>{t("confidenceHelp")}</CardDescription>
        </CardHeader>
        <CardContent className="p-0">
          <Table data-testid="rate-figures">
            <TableHeader>
              <TableRow>
                <TableHead>{t("section")}</TableHead>
                <TableHead>{t("figure")}</TableHead>
                <TableHead className="text-right">{t("value")}</TableHead>
                <TableHead>{t("confidence")}</TableHead>
                <TableHead>{t("origin")}</TableHead>
                <TableHead className="hidden lg:table-cell">{t("source")}</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {rates.figures.map((f) => (
                <TableRow key={`${f.section}.${f.path.join(".")}`} data-origin={f.origin}>
                  <TableCell className="text-sm">{t(`sections.${f.section}`)}</TableCell>
                  <TableCell className="text-sm">{rateTableFigureText(f.section, f.path, translators)}</TableCell>
                  <TableCell className="whitespace-nowrap text-right tabular-nums">{valueText(f.value, f.unit)}</TableCell>
                  <TableCell>
                    <Badge variant={f.confidence === "A" ? "success" : f.confidence === "U" ? "warning" : "outline"}>{f.confidence}</Badge>
                  </TableCell>
                  <TableCell>
                    <Badge variant={f.origin === "na" ? "default" : "secondary"}>{t(`origins.${f.origin}`)}</Badge>
                  </TableCell>
                  <TableCell className="hidden max-w-[22rem] text-xs text-muted-foreground lg:table-cell">{f.source}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </CardContent>
      </Card>
    </div>
  );
}
