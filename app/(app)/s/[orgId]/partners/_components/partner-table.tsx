"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { useTRPC } from "@/components/trpc/client";
import { Card, CardContent } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";

export function PartnerTable({ orgId }: { orgId: string }) {
  const t = useTranslations("partners");
  const locale = useLocale();
  const trpc = useTRPC();
  const { data } = useSuspenseQuery(trpc.partners.list.queryOptions({ orgId }));
  const region = new Intl.DisplayNames([locale], { type: "region" });
  return (
    <Card>
      <CardContent className="p-0">
        {data.length === 0 ? (
          <p className="p-6 text-sm text-muted-foreground">{t("empty")}</p>
        ) : (
          <Table data-testid="partner-table">
            <TableHeader>
              <TableRow>
                <TableHead>{t("fields.name")}</TableHead>
                <TableHead className="hidden sm:table-cell">{t("fields.oid")}</TableHead>
                <TableHead>{t("fields.town")}</TableHead>
                <TableHead className="text-right">{t("mobilities")}</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {data.map((p) => (
                <TableRow key={p.id}>
                  <TableCell className="font-medium">{p.name}</TableCell>
                  <TableCell className="hidden font-mono text-xs sm:table-cell">{p.oid ?? "—"}</TableCell>
                  <TableCell>
                    {p.town}, {region.of(p.country) ?? p.country}
                  </TableCell>
                  <TableCell className="text-right tabular-nums">{p.mobilityCount}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </CardContent>
    </Card>
  );
}
