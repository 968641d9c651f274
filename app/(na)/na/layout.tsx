import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { NaShell } from "@/components/na/na-shell";
import { serverCaller } from "@/server/api/rsc";
import { auth } from "@/server/auth/config";

export async function generateMetadata(): Promise<Metadata> {
  return { title: { template: `%s · ${(await getTranslations("na.shell"))("title")}`, default: (await getTranslations("na.shell"))("title") } };
}

/** The console is for NA officers only: anyone else finds nothing here (the procedures refuse them too). */
export default async function NaLayout({ children }: { children: React.ReactNode }) {
  const session = await auth();
  if (!session?.user?.id) redirect("/login?next=/na");
  const me = await (await serverCaller()).me.context();
  if (me.naCodes.length === 0) notFound();
  return (
    <NaShell user={me.user} naCodes={me.naCodes}>
      {children}
    </NaShell>
  );
}
