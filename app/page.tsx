import { redirect } from "next/navigation";
import { serverCaller } from "@/server/api/rsc";
import { auth } from "@/server/auth/config";

/** Home: the first school of the signed-in user, or the login page. */
export default async function HomePage() {
  const session = await auth();
  if (!session?.user?.id) redirect("/login");
  const me = await (await serverCaller()).me.context();
  const first = me.organisations[0];
  if (first) redirect(`/s/${first.id}/projects`);
  redirect("/welcome");
}
