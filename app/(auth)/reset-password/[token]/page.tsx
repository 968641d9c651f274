import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { LanguageSwitcher } from "@/components/i18n/language-switcher";
import { ResetPasswordForm } from "./_components/reset-password-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("account"))("reset.title"), referrer: "no-referrer" };
}

/** The link from a reset e-mail. Whether the token is valid shows on submit: the page itself reveals nothing. */
export default async function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center gap-6 bg-muted/40 p-4">
      <div className="absolute top-4 right-4">
        <LanguageSwitcher />
      </div>
      <p className="text-2xl font-semibold tracking-tight">Mobilo</p>
      <ResetPasswordForm token={token} />
    </main>
  );
}
