"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { applyServerErrors } from "@/components/forms/server-errors";
import { useTRPC } from "@/components/trpc/client";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { Form } from "@/components/ui/form";
import { NewPasswordFields } from "@/components/forms/new-password-fields";
import { ZPasswordPair } from "@/server/schemas/account";

type TResetForm = z.infer<typeof ZPasswordPair>;

export function ResetPasswordForm({ token }: { token: string }) {
  const t = useTranslations("account.reset");
  const tErr = useTranslations("errors");
  const trpc = useTRPC();
  const router = useRouter();
  const [invalid, setInvalid] = useState(false);
  const form = useForm<TResetForm>({ resolver: zodResolver(ZPasswordPair), defaultValues: { password: "", confirm: "" } });
  const reset = useMutation(
    trpc.account.resetPassword.mutationOptions({
      onSuccess: ({ email }) => router.push(`/login?notice=passwordReset&email=${encodeURIComponent(email)}`),
      onError: (error) => {
        if (error.data?.code === "NOT_FOUND" || error.message === "resetInvalid") setInvalid(true);
        else applyServerErrors(form, error, (k) => (tErr.has(k) ? tErr(k) : tErr("internal")), ["password"]);
      },
    }),
  );
  return (
    <Card className="w-full max-w-sm">
      <CardHeader>
        <CardTitle>{t("title")}</CardTitle>
        <CardDescription>{t("description")}</CardDescription>
      </CardHeader>
      <Form {...form}>
        <form noValidate onSubmit={form.handleSubmit((v) => reset.mutate({ token, password: v.password }))}>
          <CardContent className="grid gap-4">
            {invalid && (
              <Alert variant="destructive" role="alert">
                <AlertTitle>{t("invalidTitle")}</AlertTitle>
                <AlertDescription>
                  {tErr("resetInvalid")}{" "}
                  <a href="/forgot-password" className="underline">
                    {t("requestNew")}
                  </a>
                </AlertDescription>
              </Alert>
            )}
            <NewPasswordFields labels={{ password: t("password"), help: t("passwordHelp"), confirm: t("confirm") }} />
          </CardContent>
          <CardFooter className="mt-4">
            <Button type="submit" className="w-full" disabled={reset.isPending}>
              {reset.isPending ? t("submitting") : t("submit")}
            </Button>
          </CardFooter>
        </form>
      </Form>
    </Card>
  );
}
