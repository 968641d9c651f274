"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import { Pencil } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/client";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { Dialog, DialogContent, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { ParticipantForm, type ParticipantRow } from "./participant-form";

export function ParticipantTable({ orgId, canEdit, specialCategory }: { orgId: string; canEdit: boolean; specialCategory: boolean }) {
  const t = useTranslations("participants");
  const trpc = useTRPC();
  const { data } = useSuspenseQuery(trpc.participants.list.queryOptions({ orgId }));
  const [editing, setEditing] = useState<ParticipantRow | null>(null);
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
                {canEdit && <TableHead className="w-12"><span className="sr-only">{t("edit")}</span></TableHead>}
              </TableRow>
            </TableHeader>
            <TableBody>
              {data.map((p) => (
                <TableRow key={p.id}>
                  <TableCell className="font-medium">
                    {p.lastName}, {p.firstName}
                    {p.fewerOpportunities && (
                      <Badge variant="warning" className="ml-2" data-testid="fewer-opportunities">
                        {t("fields.fewerOpportunities")}
                      </Badge>
                    )}
                  </TableCell>
                  <TableCell>
                    <Badge variant="outline">{t(`kinds.${p.kind}`)}</Badge>
                  </TableCell>
                  <TableCell className="hidden sm:table-cell">{p.email ?? "—"}</TableCell>
                  <TableCell className="hidden md:table-cell">{p.staffRole ?? "—"}</TableCell>
                  {canEdit && (
                    <TableCell>
                      <Button variant="ghost" size="icon" aria-label={t("editName", { name: `${p.firstName} ${p.lastName}` })} onClick={() => setEditing(p)}>
                        <Pencil className="size-4" />
                      </Button>
                    </TableCell>
                  )}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </CardContent>
      <Dialog open={editing !== null} onOpenChange={(open) => !open && setEditing(null)}>
        <DialogContent className="sm:max-w-2xl" closeLabel={t("close")}>
          <DialogHeader>
            <DialogTitle>{t("edit")}</DialogTitle>
          </DialogHeader>
          {editing && (
            <ParticipantForm key={editing.id} orgId={orgId} specialCategory={specialCategory} existing={editing} onDone={() => setEditing(null)} />
          )}
        </DialogContent>
      </Dialog>
    </Card>
  );
}
