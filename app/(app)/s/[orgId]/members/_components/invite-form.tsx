"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import { applyServerErrors } from "@/components/forms/server-errors";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { Checkbox } from "@/components/ui/checkbox";
import { Form, FormControl, FormDescription, FormField, FormItem, FormLabel, FormMessage } from "@/components/ui/form";
import { Input } from "@/components/ui/input";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { can, INVITABLE_BY_INVITERS, mayInvite, type TSchoolRole } from "@/lib/capabilities";
import { MAIL_LOCALES, MEMBERSHIP_ROLES, ZInviteMember, type TInviteMember, type TInviteMemberInput } from "@/server/schemas/members";

const FIELDS = ["email", "role", "locale", "specialCategoryAccess"];

export function InviteForm({ orgId, role }: { orgId: string; role: TSchoolRole }) {
  const t = useTranslations("members");
  const tRole = useTranslations("roles");
  const tErr = useTranslations("errors");
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const isAdmin = can(role, "members.manage");
  const roles = MEMBERSHIP_ROLES.filter((r) => mayInvite(role, { role: r, specialCategoryAccess: false }));
  const empty: TInviteMemberInput = { email: "", role: INVITABLE_BY_INVITERS, specialCategoryAccess: false, locale: locale === "sl" ? "sl" : "en" };
  const form = useForm<TInviteMemberInput, unknown, TInviteMember>({ resolver: zodResolver(ZInviteMember), defaultValues: empty });
  const invite = useMutation(
    trpc.members.invite.mutationOptions({
      onSuccess: async (invitation) => {
        toast.success(t("invite.sent", { email: invitation.email }));
        form.reset(empty);
        await queryClient.invalidateQueries({ queryKey: trpc.members.list.queryKey({ orgId }) });
      },
      onError: (error) => applyServerErrors(form, error, (k) => (tErr.has(k) ? tErr(k) : tErr("internal")), FIELDS),
    }),
  );
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("invite.title")}</CardTitle>
        {!isAdmin && <CardDescription>{t("invite.coordinatorNote")}</CardDescription>}
      </CardHeader>
      <Form {...form}>
        <form onSubmit={form.handleSubmit((values) => invite.mutate({ ...values, orgId }))} noValidate>
          <CardContent className="grid grid-cols-[minmax(0,1fr)] gap-4 sm:grid-cols-2">
            <FormField
              control={form.control}
              name="email"
              render={({ field }) => (
                <FormItem>
                  <FormLabel>{t("invite.email")}</FormLabel>
                  <FormControl>
                    <Input type="email" autoComplete="off" {...field} />
                  </FormControl>
                  <FormMessage />
                </FormItem>
              )}
            />
            <FormField
              control={form.control}
              name="role"
              render={({ field }) => (
                <FormItem>
                  <FormLabel>{t("invite.role")}</FormLabel>
                  <Select value={field.value} onValueChange={field.onChange} disabled={!isAdmin}>
                    <FormControl>
                      <SelectTrigger className="w-full min-w-0" data-testid="invite-role">
                        <SelectValue />
                      </SelectTrigger>
                    </FormControl>
                    <SelectContent>
                      {roles.map((r) => (
                        <SelectItem key={r} value={r}>
                          {tRole(r)} — {t(`roleHelp.${r}`)}
                        </SelectItem>
                      ))}
                    </SelectContent>
                  </Select>
                  <FormMessage />
                </FormItem>
              )}
            />
            <FormField
              control={form.control}
              name="locale"
              render={({ field }) => (
                <FormItem>
                  <FormLabel>{t("invite.locale")}</FormLabel>
                  <Select value={field.value} onValueChange={field.onChange}>
                    <FormControl>
                      <SelectTrigger className="w-full min-w-0" data-testid="invite-locale">
                        <SelectValue />
                      </SelectTrigger>
                    </FormControl>
                    <SelectContent>
                      {MAIL_LOCALES.map((l) => (
                        <SelectItem key={l} value={l}>
                          {t(`invite.locales.${l}`)}
                        </SelectItem>
                      ))}
                    </SelectContent>
                  </Select>
                  <FormDescription>{t("invite.localeHelp")}</FormDescription>
                  <FormMessage />
                </FormItem>
              )}
            />
            {isAdmin && (
              <FormField
                control={form.control}
                name="specialCategoryAccess"
                render={({ field }) => (
                  <FormItem className="flex items-start gap-3 sm:col-span-2">
                    <FormControl>
                      <Checkbox checked={field.value ?? false} onCheckedChange={(v) => field.onChange(v === true)} />
                    </FormControl>
                    <div className="grid gap-1">
                      <FormLabel>{t("invite.specialCategory")}</FormLabel>
                      <FormDescription>{t("invite.specialCategoryHelp")}</FormDescription>
                    </div>
                  </FormItem>
                )}
              />
            )}
          </CardContent>
          <CardFooter className="mt-4 justify-end">
            <Button type="submit" disabled={invite.isPending}>
              {invite.isPending ? t("invite.submitting") : t("invite.submit")}
            </Button>
          </CardFooter>
        </form>
      </Form>
    </Card>
  );
}
