"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useForm, useWatch } from "react-hook-form";
import { useFormatMoney } from "@/components/format";
import { applyServerErrors } from "@/components/forms/server-errors";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { CardFooter } from "@/components/ui/card";
import { Form } from "@/components/ui/form";
import type { TLogMobility } from "@/server/schemas/mobilities";
import { EngineIssues } from "./engine-issues";
import { GroupSection } from "./form-sections/group-section";
import { SupportSection } from "./form-sections/support-section";
import type { ParticipantOption, SectionProps } from "./form-sections/types";
import { WhenSection } from "./form-sections/when-section";
import { WhereSection } from "./form-sections/where-section";
import { WhoSection } from "./form-sections/who-section";
import { EMPTY_MOBILITY, mobilityResolver, type MobilityFormValues } from "./form-values";
import { GrantPanel, useRuleMessage } from "./grant-panel";
import { useMobilityEstimate } from "./use-mobility-estimate";

export type { ParticipantOption } from "./form-sections/types";

interface Props {
  orgId: string;
  projectId: string;
  participants: ParticipantOption[];
  countries: string[];
  schoolTown: string;
  /** The member may see and set special-category data (fewer opportunities, inclusion costs). */
  specialCategory: boolean;
  /** Editing: the stored mobility as form values, its id and version. */
  existing?: { mobilityId: string; version: number; values: MobilityFormValues };
}

/**
 * Logging or editing a mobility: the form (one card per section, ./form-sections), validated by the
 * same schema as the server, with the engine's live estimate beside it.
 */
export function MobilityForm({ orgId, projectId, participants, countries, schoolTown, specialCategory, existing }: Props) {
  const t = useTranslations("mobilityForm");
  const tErr = useTranslations("errors");
  const tGrant = useTranslations("grant");
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const ruleMessage = useRuleMessage();
  const money = useFormatMoney();

  const form = useForm<MobilityFormValues, unknown, TLogMobility>({
    resolver: mobilityResolver(projectId),
    defaultValues: existing?.values ?? EMPTY_MOBILITY,
    mode: "onTouched",
  });
  const values = useWatch({ control: form.control }) as MobilityFormValues;
  const { grant, fetching, issuesFor } = useMobilityEstimate({ orgId, projectId, mobilityId: existing?.mobilityId, values });

  const onError = (error: unknown) =>
    applyServerErrors(form, error, (k) => (tErr.has(k) ? tErr(k) : tErr("internal")), Object.keys(EMPTY_MOBILITY).concat(["members"]));
  const afterSave = async (mobilityId: string) => {
    await queryClient.invalidateQueries({ queryKey: trpc.mobilities.pathKey() });
    router.push(`/s/${orgId}/projects/${projectId}/mobilities/${mobilityId}`);
    router.refresh();
  };
  const log = useMutation(trpc.mobilities.log.mutationOptions({ onSuccess: (row) => afterSave(row.id), onError }));
  const update = useMutation(trpc.mobilities.update.mutationOptions({ onSuccess: (row) => afterSave(row.id), onError }));
  const pending = log.isPending || update.isPending;

  const submit = form.handleSubmit((input) => {
    if (existing) update.mutate({ ...input, orgId, mobilityId: existing.mobilityId, version: existing.version });
    else log.mutate({ ...input, orgId });
  });

  const section: SectionProps = {
    form,
    values,
    note: (field) => <EngineIssues issues={issuesFor(field)} field={field} format={ruleMessage} />,
  };

  return (
    <Form {...form}>
      <form onSubmit={submit} noValidate className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem] lg:items-start">
        <div className="grid min-w-0 gap-6">
          <WhoSection {...section} orgId={orgId} participants={participants} />
          {values.activityType === "LM-GRP-PUPIL" && <GroupSection {...section} participants={participants} specialCategory={specialCategory} />}
          <WhenSection {...section} />
          <WhereSection {...section} orgId={orgId} countries={countries} schoolTown={schoolTown} calculatedKm={grant?.details.distanceKm} />
          <SupportSection
            {...section}
            specialCategory={specialCategory}
            footer={
              <CardFooter className="justify-end gap-2">
                <Button type="button" variant="outline" onClick={() => router.back()}>
                  {t("cancel")}
                </Button>
                <Button type="submit" disabled={pending}>
                  {pending ? t("saving") : existing ? t("saveChanges") : t("save")}
                </Button>
              </CardFooter>
            }
          />
        </div>
        <div className="lg:sticky lg:top-20" id="grant-panel">
          <GrantPanel grant={grant} pending={fetching} />
        </div>
        {/* On narrow screens the panel sits below the form: keep the total in sight while typing. */}
        <a
          href="#grant-panel"
          className="sticky bottom-0 z-20 -mx-4 flex items-center justify-between gap-3 border-t bg-background/95 px-4 py-3 text-sm backdrop-blur lg:hidden"
        >
          <span className="text-muted-foreground">{tGrant("title")}</span>
          <span className="font-semibold tabular-nums">
            {grant ? money(grant.totalCents) : "—"}
            {grant && !grant.eligible ? ` · ${tGrant("notEligibleShort")}` : ""}
          </span>
        </a>
      </form>
    </Form>
  );
}
