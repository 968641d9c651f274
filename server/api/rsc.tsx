import "server-only";
import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import { createTRPCOptionsProxy } from "@trpc/tanstack-react-query";
import { TRPCError } from "@trpc/server";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { makeQueryClient } from "@/lib/query-client";
import { createTRPCContext } from "./context";
import { appRouter, createCaller } from "./root";

export const getQueryClient = cache(makeQueryClient);
const getContext = cache(createTRPCContext);

export const trpc = createTRPCOptionsProxy({ ctx: getContext, router: appRouter, queryClient: getQueryClient });

/**
 * Direct calls from server components (same procedures, same checks). A page that needs a session and
 * has none (signed out, expired, ended by a password reset) sends to the sign-in page, as its layout
 * does, instead of failing its render with UNAUTHORIZED.
 */
export const serverCaller = cache(async () =>
  createCaller(await getContext(), {
    onError: ({ error }) => {
      if (error.code === "UNAUTHORIZED") redirect("/login");
    },
  }),
);

/**
 * The signed-in person's membership of a school (its role, town and special-category permission),
 * for pages under /s/[orgId]. Not a member (or no such school) is a 404, as the layout's check.
 * Asked once per request however many layouts and pages want it.
 */
export const schoolMembership = cache(async (orgId: string) => {
  const me = await (await serverCaller()).me.context();
  const membership = me.organisations.find((o) => o.id === orgId);
  if (!membership) notFound();
  return membership;
});

export function HydrateClient({ children }: { children: React.ReactNode }) {
  return <HydrationBoundary state={dehydrate(getQueryClient())}>{children}</HydrationBoundary>;
}

/** NOT_FOUND from a procedure becomes the page's 404, as for any URL that names nothing of yours. */
export async function orNotFound<T>(call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (error) {
    if (error instanceof TRPCError && error.code === "NOT_FOUND") notFound();
    throw error;
  }
}
