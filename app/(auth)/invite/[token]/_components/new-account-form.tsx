"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useTransition } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { applyServerErrors } from "@/components/forms/server-errors";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Form, FormControl, FormField, FormItem, FormLabel, FormMessage } from "@/components/ui/form";
import { Input } from "@/components/ui/input";
import { NewPasswordFields } from "@/components/forms/new-password-fields";
import { loginAction } from "@/server/actions";
import { ZPasswordPair } from "@/server/schemas/account";
import { ZRequiredText } from "@/server/schemas/common";

const ZNewAccountForm = z.intersection(z.object({ name: ZRequiredText(120) }), ZPasswordPair);
type TNewAccountForm = z.infer<typeof ZNewAccountForm>;
const FIELDS = ["name", "password", "confirm"];

export function NewAccountForm({ token }: { token: string }) {
  const t = useTranslations("account.invite");
  const tErr = useTranslations("errors");
  const trpc = useTRPC();
  const router = useRouter();
  const locale = useLocale();
  const [signingIn, startSignIn] = useTransition();
  const form = useForm<TNewAccountForm>({ resolver: zodResolver(ZNewAccountForm), defaultValues: { name: "", password: "", confirm: "" } });
  const create = useMutation(
    trpc.account.acceptInvitationAsNewUser.mutationOptions({
      // The account exists: sign in with the password just chosen and go to the school (the sign-in
      // action redirects). Should that fail (the login limit), the sign-in page takes over with a notice.
      onSuccess: ({ organisationId, email }, { password }) => {
        const next = `/s/${organisationId}/projects`;
        const data = new FormData();
        data.set("email", email);
        data.set("password", password);
        data.set("next", next);
        startSignIn(async () => {
          const result = await loginAction({}, data);
          if (result.error) router.push(`/login?notice=invitationAccepted&email=${encodeURIComponent(email)}&next=${encodeURIComponent(next)}`);
        });
      },
      onError: (error) => applyServerErrors(form, error, (k) => (tErr.has(k) ? tErr(k) : tErr("internal")), FIELDS),
    }),
  );
  const busy = create.isPending || signingIn || create.isSuccess;
  return (
    <Form {...form}>
      <form
        className="grid gap-4"
        noValidate
        onSubmit={form.handleSubmit((v) => create.mutate({ token, name: v.name, password: v.password, locale: locale === "sl" ? "sl" : "en" }))}
      >
        <FormField
          control={form.control}
          name="name"
          render={({ field }) => (
            <FormItem>
              <FormLabel>{t("name")}</FormLabel>
              <FormControl>
                <Input autoComplete="name" {...field} />
              </FormControl>
              <FormMessage />
            </FormItem>
          )}
        />
        <NewPasswordFields labels={{ password: t("password"), help: t("passwordHelp"), confirm: t("confirm") }} />
        <Button type="submit" disabled={busy}>
          {busy ? t("creating") : t("create")}
        </Button>
      </form>
    </Form>
  );
}
