"use client";

import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { toast } from "sonner";
import { useTRPC } from "@/components/trpc/client";
import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
  AlertDialogTrigger,
} from "@/components/ui/alert-dialog";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Switch } from "@/components/ui/switch";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { MembershipRole } from "@/db/schema";
import { can, mayInvite } from "@/lib/capabilities";
import { MEMBERSHIP_ROLES } from "@/server/schemas/members";

export function MemberList({ orgId, role }: { orgId: string; role: MembershipRole }) {
  const t = useTranslations("members");
  const tRole = useTranslations("roles");
  const tErr = useTranslations("errors");
  const format = useFormatter();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { data } = useSuspenseQuery(trpc.members.list.queryOptions({ orgId }));
  const isAdmin = can(role, "members.manage");
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.members.list.queryKey({ orgId }) });
  const onError = (error: { message?: string }) => toast.error(error.message && tErr.has(error.message) ? tErr(error.message) : tErr("internal"));

  const changeRole = useMutation(trpc.members.changeRole.mutationOptions({ onSuccess: async () => { toast.success(t("saved")); await refresh(); }, onError }));
  const setSpecial = useMutation(trpc.members.setSpecialCategory.mutationOptions({ onSuccess: async () => { toast.success(t("saved")); await refresh(); }, onError }));
  const remove = useMutation(trpc.members.remove.mutationOptions({ onSuccess: refresh, onError }));
  const revoke = useMutation(trpc.members.revokeInvitation.mutationOptions({ onSuccess: async () => { toast.success(t("invitations.revoked")); await refresh(); }, onError }));

  return (
    <>
      <Card>
        <CardContent className="p-0">
          <Table data-testid="member-table">
            <TableHeader>
              <TableRow>
                <TableHead>{t("table.name")}</TableHead>
                <TableHead>{t("table.role")}</TableHead>
                <TableHead className="hidden md:table-cell">{t("table.specialCategory")}</TableHead>
                {isAdmin && <TableHead className="text-right">{t("table.actions")}</TableHead>}
              </TableRow>
            </TableHeader>
            <TableBody>
              {data.members.map((m) => (
                <TableRow key={m.membershipId}>
                  <TableCell>
                    <div className="font-medium">
                      {m.name} {m.isYou && <span className="text-xs text-muted-foreground">({t("table.you")})</span>}
                    </div>
                    <div className="max-w-[12rem] truncate text-xs text-muted-foreground sm:max-w-none">{m.email}</div>
                  </TableCell>
                  <TableCell>
                    {isAdmin ? (
                      <Select
                        value={m.role}
                        onValueChange={(value) => changeRole.mutate({ orgId, membershipId: m.membershipId, role: value as MembershipRole })}
                      >
                        <SelectTrigger className="w-32 sm:w-40" aria-label={t("table.changeRoleLabel", { name: m.name })}>
                          <SelectValue />
                        </SelectTrigger>
                        <SelectContent>
                          {MEMBERSHIP_ROLES.map((r) => (
                            <SelectItem key={r} value={r}>
                              {tRole(r)}
                            </SelectItem>
                          ))}
                        </SelectContent>
                      </Select>
                    ) : (
                      <Badge variant="outline">{tRole(m.role)}</Badge>
                    )}
                  </TableCell>
                  <TableCell className="hidden md:table-cell">
                    {isAdmin ? (
                      <Switch
                        checked={m.specialCategoryAccess}
                        aria-label={t("table.specialCategoryLabel", { name: m.name })}
                        onCheckedChange={(checked) => setSpecial.mutate({ orgId, membershipId: m.membershipId, specialCategoryAccess: checked })}
                      />
                    ) : m.specialCategoryAccess ? (
                      t("table.yes")
                    ) : (
                      t("table.no")
                    )}
                  </TableCell>
                  {isAdmin && (
                    <TableCell className="text-right">
                      <AlertDialog>
                        <AlertDialogTrigger asChild>
                          <Button variant="ghost" size="sm">
                            {t("table.remove")}
                          </Button>
                        </AlertDialogTrigger>
                        <AlertDialogContent>
                          <AlertDialogHeader>
                            <AlertDialogTitle>{t("removeDialog.title", { name: m.name })}</AlertDialogTitle>
                            <AlertDialogDescription>{t("removeDialog.text", { name: m.name })}</AlertDialogDescription>
                          </AlertDialogHeader>
                          <AlertDialogFooter>
                            <AlertDialogCancel>{t("removeDialog.cancel")}</AlertDialogCancel>
                            <AlertDialogAction
                              onClick={() =>
                                remove.mutate(
                                  { orgId, membershipId: m.membershipId },
                                  { onSuccess: () => toast.success(t("removed", { name: m.name })) },
                                )
                              }
                            >
                              {t("removeDialog.confirm")}
                            </AlertDialogAction>
                          </AlertDialogFooter>
                        </AlertDialogContent>
                      </AlertDialog>
                    </TableCell>
                  )}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>{t("invitations.title")}</CardTitle>
        </CardHeader>
        <CardContent className="grid gap-2" data-testid="invitation-list">
          {data.invitations.length === 0 && <p className="text-sm text-muted-foreground">{t("invitations.empty")}</p>}
          {data.invitations.map((i) => {
            const mayRevoke = mayInvite(role, i);
            return (
              <div key={i.invitationId} className="flex flex-wrap items-center gap-x-3 gap-y-1 rounded-md border p-3 text-sm">
                <span className="min-w-0 flex-1 truncate font-medium">{i.email}</span>
                <Badge variant="outline">{tRole(i.role)}</Badge>
                <span className="text-xs text-muted-foreground">
                  {i.expired ? t("invitations.expired") : t("invitations.expires", { date: format.dateTime(i.expiresAt, { dateStyle: "medium" }) })}
                </span>
                {mayRevoke && (
                  <Button variant="ghost" size="sm" onClick={() => revoke.mutate({ orgId, invitationId: i.invitationId })}>
                    {t("invitations.revoke")}
                  </Button>
                )}
              </div>
            );
          })}
        </CardContent>
      </Card>
    </>
  );
}
