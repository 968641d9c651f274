"use client";

import { Label } from "@/components/ui/label";
import { Switch } from "@/components/ui/switch";
import { cn } from "@/lib/utils";
import type { TCalculatorState } from "./calculator-state";

/** What is said beside a field: what could not be understood or the engine refuses, and its warnings. */
export interface FieldIssues {
  errors: string[];
  warnings: string[];
}

type TextKey = { [K in keyof TCalculatorState]: TCalculatorState[K] extends string ? K : never }[keyof TCalculatorState];

/** The calculator's state and how its cards read and change it. */
export interface CalculatorForm {
  state: TCalculatorState;
  set: <K extends keyof TCalculatorState>(key: K, value: TCalculatorState[K]) => void;
  issues: (field: keyof TCalculatorState) => FieldIssues;
  /** Props for a native select or input bound to a text field of the state. */
  text: (key: TextKey) => {
    id: string;
    value: string;
    "aria-describedby": string;
    "aria-invalid": true | undefined;
    onChange: (event: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => void;
  };
  /** The same for the shared inputs (components/forms/inputs.tsx). */
  value: (key: TextKey) => { id: string; value: string; "aria-describedby": string; "aria-invalid": true | undefined; onValueChange: (value: string) => void };
  /** A country's name in the user's language. */
  countryName: (code: string) => string;
  /** The call year's programme countries by name, plus `code` if it is not one of them. */
  countryOptions: (code: string) => { code: string; name: string }[];
}

export const selectClass =
  "h-9 w-full min-w-0 rounded-md border border-input bg-background px-3 py-1 text-base shadow-xs outline-none focus-visible:border-ring focus-visible:ring-[3px] focus-visible:ring-ring/50 aria-invalid:border-destructive md:text-sm";

function IssueList({ id, issues }: { id: string; issues: FieldIssues }) {
  if (issues.errors.length + issues.warnings.length === 0) return null;
  return (
    <ul id={id} className="grid gap-1 text-sm" data-testid={`issues-${id.replace(/-issues$/, "")}`}>
      {issues.errors.map((message) => (
        <li key={message} className="text-destructive">
          {message}
        </li>
      ))}
      {issues.warnings.map((message) => (
        <li key={message} className="text-warning-foreground dark:text-warning">
          {message}
        </li>
      ))}
    </ul>
  );
}

export function Field({
  id,
  label,
  hint,
  issues,
  className,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  issues: FieldIssues;
  className?: string;
  children: React.ReactNode;
}) {
  const invalid = issues.errors.length > 0;
  return (
    <div className={cn("grid content-start gap-1.5", className)} data-invalid={invalid || undefined}>
      <Label htmlFor={id} className={cn("leading-snug", invalid && "text-destructive")}>
        {label}
      </Label>
      <div className={cn("grid gap-2", invalid && "[&_input]:border-destructive [&_select]:border-destructive")}>{children}</div>
      {hint ? <p className="text-xs text-muted-foreground">{hint}</p> : null}
      <IssueList id={`${id}-issues`} issues={issues} />
    </div>
  );
}

export function SwitchField({
  id,
  label,
  hint,
  checked,
  onChange,
  issues,
  className,
}: {
  id: string;
  label: string;
  hint?: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  issues: FieldIssues;
  className?: string;
}) {
  return (
    <div className={cn("grid content-start gap-1.5", className)}>
      <div className="flex items-start gap-3">
        <Switch id={id} checked={checked} onCheckedChange={onChange} className="mt-0.5" />
        <div className="grid gap-1">
          <Label htmlFor={id} className="leading-snug">
            {label}
          </Label>
          {hint ? <p className="text-xs text-muted-foreground">{hint}</p> : null}
        </div>
      </div>
      <IssueList id={`${id}-issues`} issues={issues} />
    </div>
  );
}

/** A boolean of the state as a SwitchField. */
export function FlagField({
  form,
  id,
  label,
  hint,
  className,
}: {
  form: CalculatorForm;
  id: "accompanying" | "greenTravel" | "fewerOpportunities" | "linguisticSupport";
  label: string;
  hint?: string;
  className?: string;
}) {
  return (
    <SwitchField id={id} label={label} hint={hint} checked={form.state[id]} onChange={(checked) => form.set(id, checked)} issues={form.issues(id)} className={className} />
  );
}
