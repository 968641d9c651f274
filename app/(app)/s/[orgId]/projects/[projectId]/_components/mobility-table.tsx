"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import { Leaf } from "lucide-react";
import { useTranslations } from "next-intl";
import { useFormatDate } from "@/components/format";
import { useTRPC } from "@/components/trpc/client";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";

const STATUS_VARIANT = { draft: "outline", planned: "secondary", completed: "success", cancelled: "destructive" } as const;

export function MobilityTable({ orgId, projectId }: { orgId: string; projectId: string }) {
  const t = useTranslations("project");
  const tActivity = useTranslations("activities");
  const tStatus = useTranslations("mobilityStatus");
  const trpc = useTRPC();
  const formatDate = useFormatDate();
  const { data: mobilities } = useSuspenseQuery(trpc.mobilities.listByProject.queryOptions({ orgId, projectId }));
  const regionNames = new Intl.DisplayNames([t("regionLocale")], { type: "region" });

  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("mobilityList")}</CardTitle>
      </CardHeader>
      <CardContent className="p-0">
        {mobilities.length === 0 ? (
          <p className="p-6 text-sm text-muted-foreground">{t("noMobilities")}</p>
        ) : (
          <Table data-testid="mobility-table">
            <TableHeader>
              <TableRow>
                <TableHead>{t("columns.participant")}</TableHead>
                <TableHead>{t("columns.activity")}</TableHead>
                <TableHead>{t("columns.dates")}</TableHead>
                <TableHead className="hidden md:table-cell">{t("columns.destination")}</TableHead>
                <TableHead>{t("columns.status")}</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {mobilities.map((m) => (
                <TableRow key={m.id}>
                  <TableCell className="font-medium">
                    {m.participant ? `${m.participant.firstName} ${m.participant.lastName}` : "—"}
                  </TableCell>
                  <TableCell>
                    <span className="grid">
                      <span>{tActivity(m.activityType)}</span>
                      <span className="font-mono text-xs text-muted-foreground">{m.activityType}</span>
                    </span>
                  </TableCell>
                  <TableCell className="whitespace-nowrap text-sm">
                    {formatDate(m.startDate)} – {formatDate(m.endDate)}
                  </TableCell>
                  <TableCell className="hidden md:table-cell">
                    <span className="grid text-sm">
                      <span className="flex items-center gap-1">
                        {m.destinationTown}, {regionNames.of(m.destinationCountry) ?? m.destinationCountry}
                        {m.greenTravel && <Leaf className="size-3.5 text-success" aria-label={t("greenTravel")} />}
                      </span>
                      <span className="text-xs text-muted-foreground">{m.receivingOrganisation}</span>
                    </span>
                  </TableCell>
                  <TableCell>
                    <Badge variant={STATUS_VARIANT[m.status]}>{tStatus(m.status)}</Badge>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </CardContent>
    </Card>
  );
}
