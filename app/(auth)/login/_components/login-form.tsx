"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { loginAction, type LoginState } from "@/server/actions";

interface LoginFormProps {
  next?: string | undefined;
  email?: string | undefined;
  notice?: "invitationAccepted" | "passwordReset" | undefined;
  locked?: boolean;
}

export function LoginForm({ next, email, notice, locked }: LoginFormProps) {
  const t = useTranslations("login");
  const tAccount = useTranslations("account.login");
  const [state, formAction, pending] = useActionState<LoginState, FormData>(loginAction, {
    email,
    error: locked ? "locked" : undefined,
  });
  return (
    <Card className="w-full max-w-sm">
      <CardHeader>
        <CardTitle>{t("title")}</CardTitle>
        <CardDescription>{t("description")}</CardDescription>
      </CardHeader>
      <CardContent>
        <form action={formAction} className="grid gap-4" noValidate>
          {notice && !state.error && (
            <Alert role="status">
              <AlertDescription>{tAccount(`notices.${notice}`)}</AlertDescription>
            </Alert>
          )}
          {state.error && (
            <Alert variant="destructive" role="alert">
              <AlertDescription>{state.error === "locked" ? tAccount("locked") : t(`errors.${state.error}`)}</AlertDescription>
            </Alert>
          )}
          <input type="hidden" name="next" value={next ?? ""} />
          <div className="grid gap-2">
            <Label htmlFor="email">{t("email")}</Label>
            <Input id="email" name="email" type="email" autoComplete="username" required defaultValue={state.email} />
          </div>
          <div className="grid gap-2">
            <Label htmlFor="password">{t("password")}</Label>
            <Input id="password" name="password" type="password" autoComplete="current-password" required />
          </div>
          <Button type="submit" disabled={pending}>
            {pending ? t("submitting") : t("submit")}
          </Button>
          <a href="/forgot-password" className="text-center text-sm text-muted-foreground underline-offset-4 hover:underline">
            {tAccount("forgot")}
          </a>
        </form>
      </CardContent>
    </Card>
  );
}
