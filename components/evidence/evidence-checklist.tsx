"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { FileText, Loader2, Paperclip, Trash2, Upload } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import { useId, useRef, useState } from "react";
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
import { Card, CardAction, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Checkbox } from "@/components/ui/checkbox";
import { Progress } from "@/components/ui/progress";
import { Skeleton } from "@/components/ui/skeleton";
import { Textarea } from "@/components/ui/textarea";
import { cn } from "@/lib/utils";
import { NOTE_MAX_LENGTH, type TEvidenceKind } from "@/server/schemas/evidence";
import { detectContentType, EVIDENCE_ACCEPT, FILE_SIGNATURE_BYTES, MAX_EVIDENCE_FILE_BYTES } from "@/server/storage/file-type";

const MAX_MB = MAX_EVIDENCE_FILE_BYTES / (1024 * 1024);

interface EvidenceFile {
  id: string;
  filename: string;
  contentType: string;
  sizeBytes: number;
  createdAt: Date;
}

interface EvidenceItemData {
  kind: TEvidenceKind;
  required: boolean;
  done: boolean;
  note: string | null;
  version: number | null;
  checkedAt: Date | null;
  checkedByName: string | null;
  file: EvidenceFile | null;
}

interface ErrorLike {
  message?: string;
}

/** The same checks as the server's, before a byte is sent: size, and the type by the file's first bytes. */
async function precheck(file: File): Promise<string | null> {
  if (file.size === 0) return "fileEmpty";
  if (file.size > MAX_EVIDENCE_FILE_BYTES) return "fileTooLarge";
  const head = new Uint8Array(await file.slice(0, FILE_SIGNATURE_BYTES).arrayBuffer());
  return detectContentType(head) ? null : "fileTypeNotAllowed";
}

/** fetch() reports no upload progress; XMLHttpRequest does. Resolves with the error key, or null on success. */
function postFile(form: FormData, onProgress: (percent: number) => void): Promise<string | null> {
  return new Promise((resolve) => {
    const request = new XMLHttpRequest();
    request.open("POST", "/api/files/upload");
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(Math.round((event.loaded / event.total) * 100));
    };
    request.onload = () => {
      if (request.status >= 200 && request.status < 300) return resolve(null);
      try {
        const body = JSON.parse(request.responseText) as ErrorLike;
        resolve(typeof body.message === "string" ? body.message : "internal");
      } catch {
        resolve(request.status === 413 ? "fileTooLarge" : "internal");
      }
    };
    request.onerror = () => resolve("internal");
    request.send(form);
  });
}

/**
 * The evidence checklist of one mobility: which supporting documents it needs, done toggles, notes,
 * upload (drag and drop or file picker) and download. `canEdit` is what the page knows of the role;
 * the server's own answer (`canEdit` in the list) narrows it further.
 */
export function EvidenceChecklist({ orgId, mobilityId, canEdit }: { orgId: string; mobilityId: string; canEdit: boolean }) {
  const t = useTranslations("evidence");
  const tErrors = useTranslations("errors");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const listOptions = trpc.evidence.list.queryOptions({ orgId, mobilityId });
  const { data, isPending, isError, refetch } = useQuery(listOptions);
  const refresh = () => queryClient.invalidateQueries({ queryKey: listOptions.queryKey });

  const translateError = (key: string) => {
    if (t.has(`errors.${key}`)) return t(`errors.${key}`, { maxMb: MAX_MB });
    if (tErrors.has(key)) return tErrors(key);
    return tErrors("internal");
  };
  const reportError = (key: string) => {
    if (key === "staleVersion") {
      toast.error(tErrors("staleVersion"), { action: { label: t("reload"), onClick: () => void refresh() } });
    } else {
      toast.error(translateError(key));
    }
  };

  if (isPending) {
    return (
      <Card data-testid="evidence-checklist" aria-busy="true">
        <CardHeader>
          <CardTitle>{t("title")}</CardTitle>
        </CardHeader>
        <CardContent className="grid gap-3">
          <Skeleton className="h-12 w-full" />
          <Skeleton className="h-12 w-full" />
          <Skeleton className="h-12 w-full" />
        </CardContent>
      </Card>
    );
  }
  if (isError) {
    return (
      <Card data-testid="evidence-checklist">
        <CardHeader>
          <CardTitle>{t("title")}</CardTitle>
          <CardDescription role="alert">{t("loadError")}</CardDescription>
          <CardAction>
            <Button variant="outline" size="sm" onClick={() => void refetch()}>
              {t("retry")}
            </Button>
          </CardAction>
        </CardHeader>
      </Card>
    );
  }

  const editable = canEdit && data.canEdit;
  const required = data.items.filter((item) => item.required);
  const doneCount = required.filter((item) => item.done).length;

  return (
    <Card data-testid="evidence-checklist">
      <CardHeader>
        <CardTitle>{t("title")}</CardTitle>
        <CardDescription>{t("description", { maxMb: MAX_MB })}</CardDescription>
        <CardAction>
          {data.missingRequired === 0 ? (
            <Badge variant="success" data-testid="evidence-summary">
              {t("complete")}
            </Badge>
          ) : (
            <Badge variant="outline" data-testid="evidence-summary" title={t("missing", { count: data.missingRequired })}>
              {t("summary", { done: doneCount, total: required.length })}
            </Badge>
          )}
        </CardAction>
      </CardHeader>
      <CardContent>
        <ul className="divide-y">
          {data.items.map((item) => (
            <EvidenceItem
              key={item.kind}
              orgId={orgId}
              mobilityId={mobilityId}
              item={item}
              editable={editable}
              onChanged={refresh}
              reportError={reportError}
              translateError={translateError}
            />
          ))}
        </ul>
      </CardContent>
    </Card>
  );
}

interface ItemProps {
  orgId: string;
  mobilityId: string;
  item: EvidenceItemData;
  editable: boolean;
  onChanged: () => Promise<void>;
  reportError: (key: string) => void;
  translateError: (key: string) => string;
}

function EvidenceItem({ orgId, mobilityId, item, editable, onChanged, reportError, translateError }: ItemProps) {
  const t = useTranslations("evidence");
  const format = useFormatter();
  const trpc = useTRPC();
  const id = useId();
  const [editingNote, setEditingNote] = useState(false);
  const [noteDraft, setNoteDraft] = useState(item.note ?? "");

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

  const saveNote = () =>
    setDone.mutate(
      { orgId, mobilityId, kind: item.kind, done: item.done, note: noteDraft, version },
      { onSuccess: () => setEditingNote(false) },
    );

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

        {editingNote ? (
          <div className="grid gap-2">
            <label htmlFor={`${id}-note`} className="text-xs font-medium">
              {t("note")}
            </label>
            <Textarea
              id={`${id}-note`}
              value={noteDraft}
              maxLength={NOTE_MAX_LENGTH}
              placeholder={t("notePlaceholder")}
              rows={2}
              onChange={(event) => setNoteDraft(event.target.value)}
            />
            <div className="flex gap-2">
              <Button size="sm" onClick={saveNote} disabled={setDone.isPending}>
                {setDone.isPending ? t("saving") : t("saveNote")}
              </Button>
              <Button
                size="sm"
                variant="ghost"
                onClick={() => {
                  setNoteDraft(item.note ?? "");
                  setEditingNote(false);
                }}
              >
                {t("cancel")}
              </Button>
            </div>
          </div>
        ) : (
          (item.note || editable) && (
            <div className="flex flex-wrap items-baseline gap-x-2 gap-y-1 text-sm">
              {item.note && (
                <p className="min-w-0 whitespace-pre-wrap break-words text-muted-foreground">
                  <span className="font-medium text-foreground">{t("note")}:</span> {item.note}
                </p>
              )}
              {editable && (
                <Button
                  variant="link"
                  size="sm"
                  className="h-auto p-0 text-xs text-muted-foreground underline"
                  onClick={() => {
                    setNoteDraft(item.note ?? "");
                    setEditingNote(true);
                  }}
                >
                  {item.note ? t("editNote") : t("addNote")}
                </Button>
              )}
            </div>
          )
        )}
      </div>
    </li>
  );
}

function formatSize(format: ReturnType<typeof useFormatter>, bytes: number): string {
  if (bytes >= 1024 * 1024) return format.number(bytes / (1024 * 1024), { style: "unit", unit: "megabyte", maximumFractionDigits: 1 });
  return format.number(Math.max(1, Math.round(bytes / 1024)), { style: "unit", unit: "kilobyte", maximumFractionDigits: 0 });
}

interface FilePickerProps {
  label: string;
  compact?: boolean;
  item: EvidenceItemData;
  orgId: string;
  mobilityId: string;
  onUploaded: () => Promise<void>;
  reportError: (key: string) => void;
  translateError: (key: string) => string;
}

/** Drag and drop or the file picker; the checks run in the browser first, the server decides. */
function FilePicker({ label, compact = false, item, orgId, mobilityId, onUploaded, reportError, translateError }: FilePickerProps) {
  const t = useTranslations("evidence");
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  const [uploading, setUploading] = useState<{ name: string; percent: number } | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function upload(file: File | undefined) {
    if (!file || uploading) return;
    setError(null);
    // Beside the drop zone; the compact "replace" button has no room for a message, so a toast.
    const showError = (key: string) => (compact ? toast.error(translateError(key)) : setError(translateError(key)));
    const problem = await precheck(file);
    if (problem) {
      showError(problem);
      return;
    }
    const form = new FormData();
    form.append("orgId", orgId);
    form.append("mobilityId", mobilityId);
    form.append("kind", item.kind);
    if (item.version !== null) form.append("version", String(item.version));
    form.append("file", file);
    setUploading({ name: file.name, percent: 0 });
    const failure = await postFile(form, (percent) => setUploading({ name: file.name, percent }));
    setUploading(null);
    if (input.current) input.current.value = "";
    if (failure === null) {
      toast.success(t("uploaded", { name: file.name }));
      await onUploaded();
    } else if (failure.startsWith("file") || failure === "evidenceNotApplicable") {
      showError(failure);
    } else {
      reportError(failure);
    }
  }

  const picker = (
    <>
      <input
        ref={input}
        id={inputId}
        type="file"
        accept={EVIDENCE_ACCEPT}
        className="peer sr-only"
        disabled={uploading !== null}
        data-testid={`evidence-file-${item.kind}`}
        aria-describedby={error ? `${inputId}-error` : undefined}
        onChange={(event) => void upload(event.target.files?.[0])}
      />
      {compact ? (
        <label
          htmlFor={inputId}
          title={label}
          aria-label={label}
          className="inline-flex size-9 cursor-pointer items-center justify-center rounded-md hover:bg-accent peer-focus-visible:ring-[3px] peer-focus-visible:ring-ring/50"
        >
          {uploading ? <Loader2 className="size-4 animate-spin" aria-hidden /> : <Upload className="size-4" aria-hidden />}
        </label>
      ) : (
        <label
          htmlFor={inputId}
          className="cursor-pointer rounded-sm font-medium text-primary underline underline-offset-4 hover:decoration-2 peer-focus-visible:ring-[3px] peer-focus-visible:ring-ring/50"
        >
          {label}
        </label>
      )}
    </>
  );

  const status = uploading && (
    <div className="grid gap-1" aria-live="polite">
      <span className="truncate text-xs text-muted-foreground">{t("uploading", { name: uploading.name })}</span>
      <Progress value={uploading.percent} aria-label={t("uploadProgress")} />
    </div>
  );
  const errorLine = error && (
    <p id={`${inputId}-error`} role="alert" className="text-xs text-destructive">
      {error}
    </p>
  );

  if (compact) return picker;

  return (
    <div className="grid gap-2">
      <div
        data-testid={`evidence-drop-${item.kind}`}
        className={cn(
          "flex flex-wrap items-center justify-center gap-x-1.5 gap-y-1 rounded-md border border-dashed px-3 py-3 text-sm text-muted-foreground transition-colors",
          dragging && "border-primary bg-primary/5",
          error && "border-destructive",
        )}
        onDragOver={(event) => {
          event.preventDefault();
          event.dataTransfer.dropEffect = "copy";
        }}
        onDragEnter={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={(event) => {
          if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDragging(false);
        }}
        onDrop={(event) => {
          event.preventDefault();
          setDragging(false);
          void upload(event.dataTransfer.files[0]);
        }}
      >
        {uploading ? (
          <div className="w-full">{status}</div>
        ) : (
          <>
            <Paperclip className="size-4" aria-hidden />
            <span>{t("dropHere")}</span>
            {picker}
          </>
        )}
      </div>
      {errorLine}
    </div>
  );
}
