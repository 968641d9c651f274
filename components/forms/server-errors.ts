"use client";

import type { FieldValues, Path, UseFormReturn } from "react-hook-form";
import { toast } from "sonner";

interface TrpcLikeError {
  message?: string;
  data?: { fieldErrors?: Record<string, string[]> | undefined } | null;
}

/**
 * Puts the server's per-field errors (i18n keys) on the form's fields, and shows the rest as a
 * toast translated from `errors.*`. Field errors the form has no field for are shown in the toast.
 */
export function applyServerErrors<T extends FieldValues>(
  form: UseFormReturn<T, unknown, unknown>,
  error: unknown,
  translate: (key: string) => string,
  fields: readonly string[],
): void {
  const { message, data } = (error ?? {}) as TrpcLikeError;
  const fieldErrors = data?.fieldErrors ?? {};
  let placed = false;
  for (const [field, keys] of Object.entries(fieldErrors)) {
    const key = keys[0];
    if (!key) continue;
    if (fields.includes(field)) {
      form.setError(field as Path<T>, { type: "server", message: key }, { shouldFocus: !placed });
      placed = true;
    }
  }
  if (!placed) toast.error(translate(message ?? "internal"));
}
