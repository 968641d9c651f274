"use client";

import { Plus, Trash2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { useFieldArray } from "react-hook-form";
import { IntegerField } from "@/components/forms/fields";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Checkbox } from "@/components/ui/checkbox";
import { FormControl, FormField, FormItem, FormLabel } from "@/components/ui/form";
import type { MemberValues } from "../form-values";
import { ParticipantSelect } from "../participant-select";
import type { ParticipantOption, SectionProps } from "./types";

const newMember = (role: MemberValues["role"]): MemberValues => ({ participantId: "", role, fewerOpportunities: false, startDate: "", endDate: "", inclusionRealCostEur: "" });

/** A pupils' group: how many pupils, the named pupils and the further accompanying persons. */
export function GroupSection({ form, note, participants, specialCategory }: Omit<SectionProps, "values"> & { participants: ParticipantOption[]; specialCategory: boolean }) {
  const t = useTranslations("mobilityForm");
  const members = useFieldArray({ control: form.control, name: "members" });
  const staff = participants.filter((p) => p.kind === "staff");
  const pupils = participants.filter((p) => p.kind === "pupil");
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("sections.group")}</CardTitle>
        <CardDescription>{t("groupHelp")}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        <div className="max-w-xs">
          <IntegerField control={form.control} name="pupilCount" label={t("pupilCount")} min={0} description={t("pupilCountHelp")} after={note("pupilCount")} />
        </div>
        {note("members")}
        {members.fields.map((member, index) => (
          <div key={member.id} className="grid items-end gap-3 rounded-md border p-3 sm:grid-cols-[1fr_auto_auto]" data-testid={`member-${index}`}>
            <ParticipantSelect
              form={form}
              name={`members.${index}.participantId`}
              label={member.role === "pupil" ? t("namedPupil") : t("furtherAccompanying")}
              options={member.role === "pupil" ? pupils : staff}
            />
            {member.role === "pupil" && specialCategory ? (
              <FormField
                control={form.control}
                name={`members.${index}.fewerOpportunities`}
                render={({ field }) => (
                  <FormItem className="flex items-center gap-2 pb-2">
                    <FormControl>
                      <Checkbox checked={field.value} onCheckedChange={(v) => field.onChange(v === true)} />
                    </FormControl>
                    <FormLabel className="font-normal">{t("fewerOpportunitiesShort")}</FormLabel>
                  </FormItem>
                )}
              />
            ) : (
              <span />
            )}
            <Button type="button" variant="ghost" size="icon" onClick={() => members.remove(index)} aria-label={t("removeMember")}>
              <Trash2 className="size-4" />
            </Button>
          </div>
        ))}
        <div className="flex flex-wrap gap-2">
          <Button type="button" variant="outline" size="sm" onClick={() => members.append(newMember("pupil"))}>
            <Plus className="size-4" aria-hidden /> {t("addNamedPupil")}
          </Button>
          <Button type="button" variant="outline" size="sm" data-testid="add-accompanying" onClick={() => members.append(newMember("accompanying"))}>
            <Plus className="size-4" aria-hidden /> {t("addAccompanying")}
          </Button>
        </div>
      </CardContent>
    </Card>
  );
}
