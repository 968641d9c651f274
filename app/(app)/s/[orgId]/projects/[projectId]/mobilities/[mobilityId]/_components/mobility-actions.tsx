"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Copy, MoreHorizontal, Pencil, Trash2 } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { useTRPC } from "@/components/trpc/client";
import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
} from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuRadioGroup,
  DropdownMenuRadioItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { MOBILITY_STATUSES, type TMobilityStatus } from "@/server/schemas/mobilities";

interface Props {
  orgId: string;
  projectId: string;
  mobilityId: string;
  version: number;
  status: TMobilityStatus;
  /** Status, duplicate and delete are the coordinator's; a teacher editing their own mobility gets Edit only. */
  manage: boolean;
}

export function MobilityActions({ orgId, projectId, mobilityId, version, status, manage }: Props) {
  const t = useTranslations("mobility");
  const tStatus = useTranslations("mobilityStatus");
  const tErr = useTranslations("errors");
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [confirmDelete, setConfirmDelete] = useState(false);
  const fail = (error: { message: string }) => toast.error(tErr.has(error.message) ? tErr(error.message) : tErr("internal"));
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: trpc.mobilities.pathKey() });
    router.refresh();
  };

  const duplicate = useMutation(
    trpc.mobilities.duplicate.mutationOptions({
      onSuccess: async (copy) => {
        toast.success(t("duplicated"));
        await refresh();
        router.push(`/s/${orgId}/projects/${projectId}/mobilities/${copy.id}`);
      },
      onError: fail,
    }),
  );
  const setStatus = useMutation(
    trpc.mobilities.setStatus.mutationOptions({
      onSuccess: async () => {
        toast.success(t("statusChanged"));
        await refresh();
      },
      onError: fail,
    }),
  );
  const remove = useMutation(
    trpc.mobilities.delete.mutationOptions({
      onSuccess: async () => {
        toast.success(t("deleted"));
        await queryClient.invalidateQueries({ queryKey: trpc.mobilities.pathKey() });
        router.push(`/s/${orgId}/projects/${projectId}`);
        router.refresh();
      },
      onError: fail,
    }),
  );

  return (
    <div className="flex items-center gap-2">
      <Button asChild variant="outline">
        <Link href={`/s/${orgId}/projects/${projectId}/mobilities/${mobilityId}/edit`}>
          <Pencil className="size-4" aria-hidden /> {t("edit")}
        </Link>
      </Button>
      {manage && (
      <DropdownMenu>
        <DropdownMenuTrigger asChild>
          <Button variant="outline" size="icon" aria-label={t("setStatus")} data-testid="mobility-menu">
            <MoreHorizontal className="size-4" />
          </Button>
        </DropdownMenuTrigger>
        <DropdownMenuContent align="end" className="w-52">
          <DropdownMenuLabel>{t("setStatus")}</DropdownMenuLabel>
          <DropdownMenuRadioGroup
            value={status}
            onValueChange={(value) => setStatus.mutate({ orgId, projectId, mobilityIds: [mobilityId], status: value as TMobilityStatus })}
          >
            {MOBILITY_STATUSES.map((s) => (
              <DropdownMenuRadioItem key={s} value={s}>
                {tStatus(s)}
              </DropdownMenuRadioItem>
            ))}
          </DropdownMenuRadioGroup>
          <DropdownMenuSeparator />
          <DropdownMenuItem onSelect={() => duplicate.mutate({ orgId, mobilityId })}>
            <Copy className="size-4" aria-hidden /> {t("duplicate")}
          </DropdownMenuItem>
          <DropdownMenuItem variant="destructive" onSelect={() => setConfirmDelete(true)}>
            <Trash2 className="size-4" aria-hidden /> {t("delete")}
          </DropdownMenuItem>
        </DropdownMenuContent>
      </DropdownMenu>
      )}
      <AlertDialog open={confirmDelete} onOpenChange={setConfirmDelete}>
        <AlertDialogContent>
          <AlertDialogHeader>
            <AlertDialogTitle>{t("deleteTitle")}</AlertDialogTitle>
            <AlertDialogDescription>{t("deleteText")}</AlertDialogDescription>
          </AlertDialogHeader>
          <AlertDialogFooter>
            <AlertDialogCancel>{t("cancel")}</AlertDialogCancel>
            <AlertDialogAction variant="destructive" onClick={() => remove.mutate({ orgId, mobilityId, version })}>
              {t("delete")}
            </AlertDialogAction>
          </AlertDialogFooter>
        </AlertDialogContent>
      </AlertDialog>
    </div>
  );
}
