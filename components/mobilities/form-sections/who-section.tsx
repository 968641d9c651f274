"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { IntegerField, SwitchField } from "@/components/forms/fields";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { FormControl, FormDescription, FormField, FormItem, FormLabel, FormMessage } from "@/components/ui/form";
import { Select, SelectContent, SelectGroup, SelectItem, SelectLabel, SelectTrigger, SelectValue } from "@/components/ui/select";
import { INCOMING_ACTIVITIES, MOBILITY_STATUSES, type TActivityType } from "@/server/schemas/mobilities";
import { ParticipantSelect } from "../participant-select";
import type { ParticipantOption, SectionProps } from "./types";

const ACTIVITY_GROUPS: { key: "staff" | "pupils" | "incoming" | "other"; types: TActivityType[] }[] = [
  { key: "staff", types: ["SM-JOB-SHDW", "SM-TTA", "SM-COUR-TRAIN"] },
  { key: "pupils", types: ["LM-GRP-PUPIL", "LM-SHORT-PUPIL", "LM-LONG-PUPILS"] },
  { key: "incoming", types: ["OA-INV-EXP", "OA-HOS-TTT"] },
  { key: "other", types: ["PREP-VISIT"] },
];

/** Who goes: the activity, its participant (the lead for groups and visits), the status. */
export function WhoSection({ form, values, note, orgId, participants }: SectionProps & { orgId: string; participants: ParticipantOption[] }) {
  const t = useTranslations("mobilityForm");
  const tActivity = useTranslations("activities");
  const tStatus = useTranslations("mobilityStatus");
  const activity = values.activityType;
  const isGroup = activity === "LM-GRP-PUPIL";
  const isIncoming = INCOMING_ACTIVITIES.includes(activity);
  const isVisit = activity === "PREP-VISIT";
  const mayAccompany = activity === "LM-SHORT-PUPIL" || activity === "LM-LONG-PUPILS";
  const staff = participants.filter((p) => p.kind === "staff");
  const pupils = participants.filter((p) => p.kind === "pupil");
  const participantLabel = isGroup ? t("leadAccompanying") : isVisit ? t("visitLead") : isIncoming ? t("guest") : t("participant");
  const leadOptions = isGroup || isVisit || activity.startsWith("SM-") || isIncoming || values.accompanying ? staff : pupils;

  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("sections.who")}</CardTitle>
      </CardHeader>
      <CardContent className="grid gap-4 md:grid-cols-2">
        <FormField
          control={form.control}
          name="activityType"
          render={({ field }) => (
            <FormItem className="md:col-span-2">
              <FormLabel>{t("activityType")}</FormLabel>
              <Select value={field.value} onValueChange={field.onChange}>
                <FormControl>
                  <SelectTrigger className="w-full" data-testid="activity-select">
                    <SelectValue />
                  </SelectTrigger>
                </FormControl>
                <SelectContent>
                  {ACTIVITY_GROUPS.map((group) => (
                    <SelectGroup key={group.key}>
                      <SelectLabel>{t(`activityGroups.${group.key}`)}</SelectLabel>
                      {group.types.map((type) => (
                        <SelectItem key={type} value={type}>
                          {tActivity(type)}
                        </SelectItem>
                      ))}
                    </SelectGroup>
                  ))}
                </SelectContent>
              </Select>
              <FormMessage />
            </FormItem>
          )}
        />
        <ParticipantSelect form={form} name="participantId" label={participantLabel} options={leadOptions.length ? leadOptions : participants} testId="participant-select" />
        <FormField
          control={form.control}
          name="status"
          render={({ field }) => (
            <FormItem>
              <FormLabel>{t("status")}</FormLabel>
              <Select value={field.value} onValueChange={field.onChange}>
                <FormControl>
                  <SelectTrigger className="w-full" data-testid="status-select">
                    <SelectValue />
                  </SelectTrigger>
                </FormControl>
                <SelectContent>
                  {MOBILITY_STATUSES.map((s) => (
                    <SelectItem key={s} value={s}>
                      {tStatus(s)}
                    </SelectItem>
                  ))}
                </SelectContent>
              </Select>
              <FormDescription>{t("statusHelp")}</FormDescription>
              <FormMessage />
            </FormItem>
          )}
        />
        {participants.length === 0 && (
          <p className="text-sm md:col-span-2">
            <Link href={`/s/${orgId}/participants`} className="underline">
              {t("addParticipantFirst")}
            </Link>
          </p>
        )}
        {mayAccompany && (
          <div className="md:col-span-2">
            <SwitchField control={form.control} name="accompanying" label={t("accompanying")} description={t("accompanyingHelp")} after={note("accompanying")} />
          </div>
        )}
        {isVisit && (
          <IntegerField control={form.control} name="persons" label={t("persons")} min={1} max={3} description={t("personsHelp")} after={note("persons")} />
        )}
      </CardContent>
    </Card>
  );
}
