import { redirect } from "next/navigation";
import { AppShell } from "@/components/app-shell/app-shell";
import { schoolMembership, serverCaller } from "@/server/api/rsc";
import { auth } from "@/server/auth/config";

export default async function SchoolLayout({ children, params }: { children: React.ReactNode; params: Promise<{ orgId: string }> }) {
  const session = await auth();
  const { orgId } = await params;
  if (!session?.user?.id) redirect(`/login?next=/s/${orgId}/projects`);
  const [me, current] = await Promise.all([(await serverCaller()).me.context(), schoolMembership(orgId)]);
  return (
    <AppShell user={me.user} current={current} organisations={me.organisations}>
      {children}
    </AppShell>
  );
}
