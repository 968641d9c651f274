"use client";

import { Loader2, Paperclip, Upload } from "lucide-react";
import { useTranslations } from "next-intl";
import { useId, useRef, useState } from "react";
import { toast } from "sonner";
import { Progress } from "@/components/ui/progress";
import { cn } from "@/lib/utils";
import { EVIDENCE_ACCEPT } from "@/server/storage/file-type";
import type { EvidenceItemData } from "./types";
import { postFile, precheck } from "./upload";

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
export function FilePicker({ label, compact = false, item, orgId, mobilityId, onUploaded, reportError, translateError }: FilePickerProps) {
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
