import type { Metadata } from "next";
import { TRPCError } from "@trpc/server";
import { getTranslations } from "next-intl/server";
import { LanguageSwitcher } from "@/components/i18n/language-switcher";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { serverCaller } from "@/server/api/rsc";
import { auth } from "@/server/auth/config";
import { logoutAction } from "@/server/actions";
import { AcceptInvitation } from "./_components/accept-invitation";
import { NewAccountForm } from "./_components/new-account-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("account"))("invite.title"), referrer: "no-referrer" };
}

/** The link from an invitation e-mail: a new person creates their account, an existing one signs in and accepts. */
export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const t = await getTranslations("account.invite");
  const tRole = await getTranslations("roles");
  const session = await auth();
  const invitation = await (await serverCaller()).account.inspectInvitation({ token }).catch((error: unknown) => {
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST")) return null;
    throw error;
  });

  let body: React.ReactNode;
  if (!invitation) {
    body = (
      <CardHeader>
        <CardTitle>{t("invalidTitle")}</CardTitle>
        <CardDescription>{t("invalidText")}</CardDescription>
      </CardHeader>
    );
  } else {
    const signedInEmail = session?.user?.email ?? null;
    const header = (
      <CardHeader>
        <CardTitle>{t("joinTitle", { school: invitation.organisationName })}</CardTitle>
        <CardDescription>{t("intro", { role: tRole(invitation.role), email: invitation.email })}</CardDescription>
      </CardHeader>
    );
    let content: React.ReactNode;
    if (signedInEmail && signedInEmail.toLowerCase() === invitation.email.toLowerCase()) {
      content = <AcceptInvitation token={token} />;
    } else if (signedInEmail) {
      content = (
        <div className="grid gap-4">
          <p className="text-sm">{t("otherAccount", { email: signedInEmail, invited: invitation.email })}</p>
          <form action={logoutAction}>
            <Button type="submit" variant="outline">
              {t("signOut")}
            </Button>
          </form>
        </div>
      );
    } else if (invitation.accountExists) {
      content = (
        <div className="grid gap-4">
          <p className="text-sm">{t("signInToAccept")}</p>
          <Button asChild>
            <a href={`/login?next=${encodeURIComponent(`/invite/${token}`)}`}>{t("signIn")}</a>
          </Button>
        </div>
      );
    } else {
      content = <NewAccountForm token={token} />;
    }
    body = (
      <>
        {header}
        <CardContent>{content}</CardContent>
      </>
    );
  }

  return (
    <main className="flex min-h-dvh flex-col items-center justify-center gap-6 bg-muted/40 p-4">
      <div className="absolute top-4 right-4">
        <LanguageSwitcher />
      </div>
      <p className="text-2xl font-semibold tracking-tight">Mobilo</p>
      <Card className="w-full max-w-md">{body}</Card>
    </main>
  );
}
