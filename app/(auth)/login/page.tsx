import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { safeRedirectPath } from "@/lib/safe-redirect";
import { LanguageSwitcher } from "@/components/i18n/language-switcher";
import { auth } from "@/server/auth/config";
import { LoginForm } from "./_components/login-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("login"))("title") };
}

const NOTICES = ["invitationAccepted", "passwordReset"] as const;

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<{ next?: string; notice?: string; email?: string; code?: string }>;
}) {
  const session = await auth();
  const { next, notice, email, code } = await searchParams;
  if (session?.user?.id) redirect(safeRedirectPath(next));
  const t = await getTranslations("login");
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center gap-6 bg-muted/40 p-4">
      <div className="absolute top-4 right-4">
        <LanguageSwitcher />
      </div>
      <div className="text-center">
        <p className="text-2xl font-semibold tracking-tight">Mobilo</p>
        <p className="text-sm text-muted-foreground">{t("tagline")}</p>
      </div>
      <LoginForm
        next={next}
        email={email}
        notice={NOTICES.find((n) => n === notice)}
        // Auth.js's own credentials endpoint sends a locked sign-in back here with ?code=locked.
        locked={code === "locked"}
      />
      <a href="/calculator" className="text-sm text-muted-foreground underline-offset-4 hover:underline">
        {t("calculatorLink")}
      </a>
    </main>
  );
}
