import * as React from "react";

import { cn } from "@/lib/utils";

type FieldErrorProps = Omit<React.ComponentProps<"ul">, "children"> & {
  /**
   * Server-side messages for one field, e.g. `fieldErrors.email` from a server action
   * (`string[] | undefined`). A single string is accepted too. Nothing renders when empty.
   */
  messages?: readonly string[] | string | null;
};

/**
 * Renders per-field server errors as a list in role="alert". Give it an `id` and point the
 * input's `aria-describedby` at it (and set `aria-invalid`) to associate the errors.
 */
function FieldError({ messages, className, ...props }: FieldErrorProps) {
  const list = (typeof messages === "string" ? [messages] : (messages ?? [])).filter(
    (message) => message.trim().length > 0,
  );
  if (list.length === 0) return null;

  return (
    <ul data-slot="field-error" role="alert" className={cn("space-y-1 text-sm text-destructive", className)} {...props}>
      {list.map((message, index) => (
        <li key={`${index}-${message}`}>{message}</li>
      ))}
    </ul>
  );
}

export { FieldError, type FieldErrorProps };
