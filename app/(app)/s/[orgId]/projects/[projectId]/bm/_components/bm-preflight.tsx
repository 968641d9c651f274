import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { ruleIssueText, type RuleTranslators } from "@/lib/rule-text";
import type { BmPreflight } from "@/server/services/bm-preflight";

const SHOWN = 300;

/** "What BM would say" before an export: each refused or flagged mobility, with a link to its edit page. */
export async function BmPreflightList({ orgId, projectId, preflight }: { orgId: string; projectId: string; preflight: BmPreflight }) {
  const t = await getTranslations("bm");
  const translators: RuleTranslators = {
    rules: await getTranslations("rules"),
    figures: await getTranslations("figures"),
    activities: await getTranslations("activities"),
    locale: await getLocale(),
  };
  const text = (issue: { code: string; params?: Readonly<Record<string, string | number>>; fields?: readonly string[] }) =>
    issue.code === "bm.preflight.missing"
      ? t("preflight.missing", { fields: (issue.fields ?? []).map((field) => t(`fields.${field}` as Parameters<typeof t>[0])).join(", ") })
      : ruleIssueText({ code: issue.code.replace(/^rules\./, ""), params: issue.params }, translators);
  const badge = (severity: "refuse" | "flag") => (
    <Badge variant={severity === "refuse" ? "destructive" : "outline"} className="whitespace-nowrap">
      {t(`preflight.${severity}`)}
    </Badge>
  );
  const projectHref = `/s/${orgId}/projects/${projectId}`;
  const empty = preflight.issues.length === 0 && preflight.projectIssues.length === 0;

  return (
    <div className="grid gap-3" data-testid="bm-preflight">
      <p className="text-sm" data-testid="bm-preflight-summary">
        {t("preflight.summary", { mobilities: preflight.mobilities, rows: preflight.rows, refused: preflight.refused, flagged: preflight.flagged })}
      </p>
      {empty && <p className="text-sm text-muted-foreground">{t("preflight.none")}</p>}
      {!empty && (
        <div className="max-h-[28rem] overflow-auto rounded-md border">
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>{t("preflight.mobility")}</TableHead>
                <TableHead />
                <TableHead>{t("preflight.problem")}</TableHead>
                <TableHead />
              </TableRow>
            </TableHeader>
            <TableBody>
              {preflight.projectIssues.map((issue, index) => (
                <TableRow key={`p${index}`} data-severity={issue.severity}>
                  <TableCell className="whitespace-nowrap">{t("preflight.project")}</TableCell>
                  <TableCell>{badge(issue.severity)}</TableCell>
                  <TableCell>{text(issue)}</TableCell>
                  <TableCell>
                    <Link href={projectHref} className="whitespace-nowrap text-sm underline underline-offset-2">
                      {t("preflight.fixProject")}
                    </Link>
                  </TableCell>
                </TableRow>
              ))}
              {preflight.issues.slice(0, SHOWN).map((issue, index) => (
                <TableRow key={index} data-severity={issue.severity} data-testid="bm-preflight-issue">
                  <TableCell className="whitespace-nowrap font-mono text-xs">{issue.activityId}</TableCell>
                  <TableCell>{badge(issue.severity)}</TableCell>
                  <TableCell>{text(issue)}</TableCell>
                  <TableCell>
                    <Link
                      href={`${projectHref}/mobilities/${issue.mobilityId}/edit`}
                      className="whitespace-nowrap text-sm underline underline-offset-2"
                      data-testid="bm-preflight-fix"
                    >
                      {t("preflight.fix")}
                    </Link>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
      {preflight.issues.length > SHOWN && <p className="text-sm text-muted-foreground">{t("preflight.more", { shown: SHOWN })}</p>}
      {preflight.hiddenSpecialCategory > 0 && <p className="text-sm text-muted-foreground">{t("preflight.hidden", { count: preflight.hiddenSpecialCategory })}</p>}
    </div>
  );
}
