import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { auth } from "@/server/auth/config";
import { logoutAction } from "@/server/actions";

/** A signed-in user with no school membership (an NA officer before their console exists, say). */
export default async function WelcomePage() {
  const session = await auth();
  if (!session?.user?.id) redirect("/login");
  const t = await getTranslations("welcome");
  return (
    <main className="flex min-h-dvh items-center justify-center p-4">
      <Card className="w-full max-w-md">
        <CardHeader>
          <CardTitle>{t("title", { name: session.user.name ?? "" })}</CardTitle>
          <CardDescription>{t("noSchool")}</CardDescription>
        </CardHeader>
        <CardContent>
          <form action={logoutAction}>
            <Button type="submit" variant="outline">{t("logout")}</Button>
          </form>
        </CardContent>
      </Card>
    </main>
  );
}
