import type * as React from "react";
import type { UseFormReturn } from "react-hook-form";
import type { TLogMobility } from "@/server/schemas/mobilities";
import type { MobilityFormValues } from "../form-values";

/** What every section of the mobility form is given. */
export interface SectionProps {
  form: UseFormReturn<MobilityFormValues, unknown, TLogMobility>;
  /** The form's current values. */
  values: MobilityFormValues;
  /** What the rules engine says about a field, for beside it. */
  note: (field: string) => React.ReactNode;
}

export interface ParticipantOption {
  id: string;
  label: string;
  kind: "staff" | "pupil";
}
