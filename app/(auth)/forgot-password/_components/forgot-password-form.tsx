"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { applyServerErrors } from "@/components/forms/server-errors";
import { useTRPC } from "@/components/trpc/client";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { Form, FormControl, FormField, FormItem, FormLabel, FormMessage } from "@/components/ui/form";
import { Input } from "@/components/ui/input";
import { ZEmail } from "@/server/schemas/members";

const ZForgotForm = z.object({ email: ZEmail });
type TForgotForm = z.infer<typeof ZForgotForm>;

export function ForgotPasswordForm() {
  const t = useTranslations("account.forgot");
  const tErr = useTranslations("errors");
  const locale = useLocale();
  const trpc = useTRPC();
  const [sentTo, setSentTo] = useState<string | null>(null);
  const form = useForm<TForgotForm>({ resolver: zodResolver(ZForgotForm), defaultValues: { email: "" } });
  const request = useMutation(
    trpc.account.requestPasswordReset.mutationOptions({
      onError: (error) => applyServerErrors(form, error, (k) => (tErr.has(k) ? tErr(k) : tErr("internal")), ["email"]),
    }),
  );
  return (
    <Card className="w-full max-w-sm">
      <CardHeader>
        <CardTitle>{t("title")}</CardTitle>
        <CardDescription>{t("description")}</CardDescription>
      </CardHeader>
      <Form {...form}>
        <form
          noValidate
          onSubmit={form.handleSubmit((values) =>
            request.mutate({ email: values.email, locale: locale === "sl" ? "sl" : "en" }, { onSuccess: () => setSentTo(values.email) }),
          )}
        >
          <CardContent className="grid gap-4">
            {sentTo && (
              <Alert role="status">
                <AlertDescription>{t("sent", { email: sentTo })}</AlertDescription>
              </Alert>
            )}
            <FormField
              control={form.control}
              name="email"
              render={({ field }) => (
                <FormItem>
                  <FormLabel>{t("email")}</FormLabel>
                  <FormControl>
                    <Input type="email" autoComplete="username" {...field} />
                  </FormControl>
                  <FormMessage />
                </FormItem>
              )}
            />
          </CardContent>
          <CardFooter className="mt-4 flex-col items-stretch gap-3">
            <Button type="submit" disabled={request.isPending}>
              {request.isPending ? t("submitting") : t("submit")}
            </Button>
            <a href="/login" className="text-center text-sm text-muted-foreground underline-offset-4 hover:underline">
              {t("back")}
            </a>
          </CardFooter>
        </form>
      </Form>
    </Card>
  );
}
