import { redirect } from "next/navigation";
import { serverCaller } from "@/server/api/rsc";
import { auth } from "@/server/auth/config";

/** Home: the first school of the signed-in user, an officer's NA console, or the login page. */
export default async function HomePage() {
  const session = await auth();
  if (!session?.user?.id) redirect("/login");
  const me = await (await serverCaller()).me.context();
  const first = me.organisations[0];
  if (first) redirect(`/s/${first.id}/projects`);
  // An NA officer without a school of their own lands on the agency's console.
  if (me.naCodes.length > 0) redirect("/na");
  redirect("/welcome");
}
