"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useTRPC } from "@/components/trpc/client";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";

export function ParticipantTable({ orgId }: { orgId: string }) {
  const t = useTranslations("participants");
  const trpc = useTRPC();
  const { data } = useSuspenseQuery(trpc.participants.list.queryOptions({ orgId }));
  return (
    <Card>
      <CardContent className="p-0">
        {data.length === 0 ? (
          <p className="p-6 text-sm text-muted-foreground">{t("empty")}</p>
        ) : (
          <Table data-testid="participant-table">
            <TableHeader>
              <TableRow>
                <TableHead>{t("columns.name")}</TableHead>
                <TableHead>{t("columns.kind")}</TableHead>
                <TableHead className="hidden sm:table-cell">{t("columns.email")}</TableHead>
                <TableHead className="hidden md:table-cell">{t("columns.role")}</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {data.map((p) => (
                <TableRow key={p.id}>
                  <TableCell className="font-medium">
                    {p.lastName}, {p.firstName}
                  </TableCell>
                  <TableCell>
                    <Badge variant="outline">{t(`kinds.${p.kind}`)}</Badge>
                  </TableCell>
                  <TableCell className="hidden sm:table-cell">{p.email ?? "—"}</TableCell>
                  <TableCell className="hidden md:table-cell">{p.staffRole ?? "—"}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </CardContent>
    </Card>
  );
}
