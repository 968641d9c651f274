import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { FindingStatusBadge } from "@/components/findings/finding-thread";
import { Card, CardContent, CardDescription, CardHeader } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { TFindingStatus } from "@/server/schemas/na";

/** A finding as both lists show it: the school's (its NA's findings) and the officer's (every school of the NA). */
export interface FindingsTableRow {
  id: string;
  title: string;
  status: TFindingStatus;
  updatedAt: Date;
  projectNumber: string;
  projectTitle: string;
  schoolName: string;
}

/**
 * The findings list of the school and of the NA console; `basePath` + id opens a finding. The school sees
 * the project's title under each finding; the officer, who reads many schools, a school column instead.
 */
export async function FindingsTable({ findings, basePath, audience }: { findings: FindingsTableRow[]; basePath: string; audience: "school" | "officer" }) {
  const [t, format] = await Promise.all([getTranslations("na.findings"), getFormatter()]);
  if (findings.length === 0) {
    return (
      <Card>
        <CardHeader>
          <CardDescription>{t("empty")}</CardDescription>
        </CardHeader>
      </Card>
    );
  }
  const withSchool = audience === "officer";
  return (
    <Card>
      <CardContent className="p-0">
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>{t("columns.title")}</TableHead>
              {withSchool && <TableHead className="hidden md:table-cell">{t("columns.school")}</TableHead>}
              <TableHead>{t("columns.status")}</TableHead>
              <TableHead className="hidden text-right sm:table-cell">{t("columns.updated")}</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {findings.map((f) => (
              <TableRow key={f.id} data-testid="finding-row">
                <TableCell className="max-w-[26rem]">
                  <Link href={`${basePath}/${f.id}`} className="grid hover:underline">
                    <span className="truncate font-medium">{f.title}</span>
                    <span className="truncate text-xs text-muted-foreground">
                      {withSchool ? "" : `${f.projectTitle} · `}
                      <span className="font-mono">{f.projectNumber}</span>
                    </span>
                  </Link>
                </TableCell>
                {withSchool && <TableCell className="hidden text-sm md:table-cell">{f.schoolName}</TableCell>}
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
  );
}
