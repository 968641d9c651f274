"use client";

import { useMutation } from "@tanstack/react-query";
import { FileText, Loader2, Trash2 } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import { useId } from "react";
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
  AlertDialogTrigger,
} from "@/components/ui/alert-dialog";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { EvidenceNote } from "./evidence-note";
import { FilePicker } from "./file-picker";
import type { ErrorLike, EvidenceItemData } from "./types";

interface ItemProps {
  orgId: string;
  mobilityId: string;
  item: EvidenceItemData;
  editable: boolean;
  onChanged: () => Promise<void>;
  reportError: (key: string) => void;
  translateError: (key: string) => string;
}

/** One item of the checklist: its done toggle, its file (upload, download, remove) and its note. */
export function EvidenceItem({ orgId, mobilityId, item, editable, onChanged, reportError, translateError }: ItemProps) {
  const t = useTranslations("evidence");
  const format = useFormatter();
  const trpc = useTRPC();
  const id = useId();

  const onError = (error: ErrorLike) => reportError(error.message ?? "internal");
  const setDone = useMutation(trpc.evidence.setDone.mutationOptions({ onSuccess: () => onChanged(), onError }));
  const removeFile = useMutation(
    trpc.evidence.removeFile.mutationOptions({
      onSuccess: async () => {
        toast.success(t("removed"));
        await onChanged();
      },
      onError,
    }),
  );

  const version = item.version ?? undefined;
  const title = t(`kinds.${item.kind}`);
  const formatDate = (date: Date) => format.dateTime(date, { dateStyle: "medium" });


  return (
    <li className="grid gap-3 py-4 first:pt-0 last:pb-0" data-testid={`evidence-${item.kind}`}>
      <div className="flex items-start gap-3">
        <Checkbox
          id={`${id}-done`}
          className="mt-0.5"
          checked={item.done}
          disabled={!editable || setDone.isPending || (!item.required && !item.done)}
          aria-label={t("markDone", { item: title })}
          onCheckedChange={(checked) => setDone.mutate({ orgId, mobilityId, kind: item.kind, done: checked === true, version })}
        />
        <div className="grid min-w-0 flex-1 gap-1">
          <div className="flex flex-wrap items-center gap-2">
            <label htmlFor={`${id}-done`} className="text-sm font-medium">
              {title}
            </label>
            {item.done && <Badge variant="success">{t("done")}</Badge>}
            {!item.required && <Badge variant="secondary">{t("notRequired")}</Badge>}
          </div>
          <p className="text-xs text-muted-foreground">{t(`hints.${item.kind}`)}</p>
          {item.done && item.checkedAt && (
            <p className="text-xs text-muted-foreground">
              {item.checkedByName
                ? t("checked", { date: formatDate(item.checkedAt), name: item.checkedByName })
                : t("checkedNoName", { date: formatDate(item.checkedAt) })}
            </p>
          )}
        </div>
      </div>

      <div className="grid gap-3 sm:pl-7">
        {item.file ? (
          <div className="flex flex-wrap items-center gap-2 rounded-md border bg-muted/30 px-3 py-2">
            <FileText className="size-4 shrink-0 text-muted-foreground" aria-hidden />
            <div className="grid min-w-0 flex-1">
              <a
                href={`/api/files/${item.file.id}`}
                download={item.file.filename}
                className="truncate text-sm font-medium text-primary underline-offset-4 hover:underline"
                aria-label={t("download", { name: item.file.filename })}
                data-testid="evidence-download"
              >
                {item.file.filename}
              </a>
              <span className="text-xs text-muted-foreground">
                {t("fileMeta", { size: formatSize(format, item.file.sizeBytes), date: formatDate(item.file.createdAt) })}
              </span>
            </div>
            {editable && (
              <div className="flex items-center gap-1">
                <FilePicker label={t("replace")} compact item={item} orgId={orgId} mobilityId={mobilityId} onUploaded={onChanged} reportError={reportError} translateError={translateError} />
                <AlertDialog>
                  <AlertDialogTrigger asChild>
                    <Button variant="ghost" size="icon" aria-label={t("remove")} title={t("remove")} disabled={removeFile.isPending}>
                      {removeFile.isPending ? <Loader2 className="animate-spin" aria-hidden /> : <Trash2 aria-hidden />}
                    </Button>
                  </AlertDialogTrigger>
                  <AlertDialogContent>
                    <AlertDialogHeader>
                      <AlertDialogTitle>{t("removeTitle")}</AlertDialogTitle>
                      <AlertDialogDescription>{t("removeText", { name: item.file.filename })}</AlertDialogDescription>
                    </AlertDialogHeader>
                    <AlertDialogFooter>
                      <AlertDialogCancel>{t("cancel")}</AlertDialogCancel>
                      <AlertDialogAction
                        onClick={() => item.version !== null && removeFile.mutate({ orgId, mobilityId, kind: item.kind, version: item.version })}
                      >
                        {t("removeConfirm")}
                      </AlertDialogAction>
                    </AlertDialogFooter>
                  </AlertDialogContent>
                </AlertDialog>
              </div>
            )}
          </div>
        ) : (
          editable &&
          item.required && (
            <FilePicker label={t("choose")} item={item} orgId={orgId} mobilityId={mobilityId} onUploaded={onChanged} reportError={reportError} translateError={translateError} />
          )
        )}

        <EvidenceNote
          note={item.note}
          editable={editable}
          saving={setDone.isPending}
          onSave={(note, done) => setDone.mutate({ orgId, mobilityId, kind: item.kind, done: item.done, note, version }, { onSuccess: done })}
        />
      </div>
    </li>
  );
}

function formatSize(format: ReturnType<typeof useFormatter>, bytes: number): string {
  if (bytes >= 1024 * 1024) return format.number(bytes / (1024 * 1024), { style: "unit", unit: "megabyte", maximumFractionDigits: 1 });
  return format.number(Math.max(1, Math.round(bytes / 1024)), { style: "unit", unit: "kilobyte", maximumFractionDigits: 0 });
}
