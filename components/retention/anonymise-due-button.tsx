"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { toast } from "sonner";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";

/** The coordinator's or school admin's run of the retention rule (retention.anonymiseDue); the page then reloads its schedule. */
export function AnonymiseDueButton({ orgId, dueCount }: { orgId: string; dueCount: number }) {
  const t = useTranslations("retention");
  const tErr = useTranslations("errors");
  const trpc = useTRPC();
  const router = useRouter();
  const run = useMutation(
    trpc.retention.anonymiseDue.mutationOptions({
      onSuccess: ({ anonymised }) => {
        toast.success(t("done", { count: anonymised }));
        router.refresh();
      },
      onError: () => toast.error(tErr("internal")),
    }),
  );
  return (
    <Button type="button" disabled={dueCount === 0 || run.isPending} onClick={() => run.mutate({ orgId })}>
      {t("run", { count: dueCount })}
    </Button>
  );
}
