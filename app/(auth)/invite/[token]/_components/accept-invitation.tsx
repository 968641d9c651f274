"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { toast } from "sonner";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";

export function AcceptInvitation({ token }: { token: string }) {
  const t = useTranslations("account.invite");
  const tErr = useTranslations("errors");
  const trpc = useTRPC();
  const router = useRouter();
  const accept = useMutation(
    trpc.account.acceptInvitation.mutationOptions({
      onSuccess: ({ organisationId }) => router.push(`/s/${organisationId}/projects`),
      onError: (error) => toast.error(tErr.has(error.message) ? tErr(error.message) : tErr("internal")),
    }),
  );
  return (
    <Button onClick={() => accept.mutate({ token })} disabled={accept.isPending}>
      {accept.isPending ? t("accepting") : t("accept")}
    </Button>
  );
}
