"use client";

import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { Textarea } from "@/components/ui/textarea";
import { NOTE_MAX_LENGTH } from "@/server/schemas/evidence";

interface Props {
  note: string | null;
  editable: boolean;
  saving: boolean;
  /** Saves the draft; `done` closes the editor once it is stored. */
  onSave: (note: string, done: () => void) => void;
}

/** An evidence item's note: shown, and (for who may edit) added or changed in place. */
export function EvidenceNote({ note, editable, saving, onSave }: Props) {
  const t = useTranslations("evidence");
  const id = useId();
  const [editingNote, setEditingNote] = useState(false);
  const [noteDraft, setNoteDraft] = useState(note ?? "");
  const saveNote = () => onSave(noteDraft, () => setEditingNote(false));

  return editingNote ? (
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
        <Button size="sm" onClick={saveNote} disabled={saving}>
          {saving ? t("saving") : t("saveNote")}
        </Button>
        <Button
          size="sm"
          variant="ghost"
          onClick={() => {
            setNoteDraft(note ?? "");
            setEditingNote(false);
          }}
        >
          {t("cancel")}
        </Button>
      </div>
    </div>
  ) : (
    (note || editable) && (
      <div className="flex flex-wrap items-baseline gap-x-2 gap-y-1 text-sm">
        {note && (
          <p className="min-w-0 whitespace-pre-wrap break-words text-muted-foreground">
            <span className="font-medium text-foreground">{t("note")}:</span> {note}
          </p>
        )}
        {editable && (
          <Button
            variant="link"
            size="sm"
            className="h-auto p-0 text-xs text-muted-foreground underline"
            onClick={() => {
              setNoteDraft(note ?? "");
              setEditingNote(true);
            }}
          >
            {note ? t("editNote") : t("addNote")}
          </Button>
        )}
      </div>
    )
  );
}
