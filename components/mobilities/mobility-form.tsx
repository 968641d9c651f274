"use client";

import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Plus, Trash2 } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { useFieldArray, useForm, useWatch, type FieldPath } from "react-hook-form";
import { useFormatMoney } from "@/components/format";
import { CountrySelect } from "@/components/forms/country-select";
import { applyServerErrors } from "@/components/forms/server-errors";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { Checkbox } from "@/components/ui/checkbox";
import { Form, FormControl, FormDescription, FormField, FormItem, FormLabel, FormMessage } from "@/components/ui/form";
import { Input } from "@/components/ui/input";
import { Select, SelectContent, SelectGroup, SelectItem, SelectLabel, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Switch } from "@/components/ui/switch";
import { Textarea } from "@/components/ui/textarea";
import {
  INCOMING_ACTIVITIES,
  MEANS_OF_TRANSPORT,
  MOBILITY_STATUSES,
  type TActivityType,
  type TLogMobility,
} from "@/server/schemas/mobilities";
import { EMPTY_MOBILITY, formFieldOf, mobilityResolver, parseMobility, toApiInput, type MobilityFormValues } from "./form-values";
import { GrantPanel, useRuleMessage, type GrantIssue } from "./grant-panel";

const ACTIVITY_GROUPS: { key: "staff" | "pupils" | "incoming" | "other"; types: TActivityType[] }[] = [
  { key: "staff", types: ["SM-JOB-SHDW", "SM-TTA", "SM-COUR-TRAIN"] },
  { key: "pupils", types: ["LM-GRP-PUPIL", "LM-SHORT-PUPIL", "LM-LONG-PUPILS"] },
  { key: "incoming", types: ["OA-INV-EXP", "OA-HOS-TTT"] },
  { key: "other", types: ["PREP-VISIT"] },
];

export interface ParticipantOption {
  id: string;
  label: string;
  kind: "staff" | "pupil";
}

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

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

/** Engine fields → the form field its message belongs beside. */
const ENGINE_FIELD: Record<string, FieldPath<MobilityFormValues>> = {
  pupils: "pupilCount",
  accompanyingPersons: "members",
  origin: "originTown",
  destination: "destinationTown",
  destinationCountry: "destinationCountry",
};

/** The engine's errors and warnings about one field, shown beside it. */
function EngineIssues({ issues, field, format }: { issues: GrantIssue[]; field: string; format: (issue: GrantIssue) => string }) {
  if (issues.length === 0) return null;
  return (
    <ul className="grid gap-0.5 text-xs" data-testid={`engine-${field}`}>
      {issues.map((issue, i) => (
        <li key={i} className={issue.severity === "error" ? "text-destructive" : "text-amber-700"}>
          {format(issue)}
        </li>
      ))}
    </ul>
  );
}

export function MobilityForm({ orgId, projectId, participants, countries, schoolTown, specialCategory, existing }: Props) {
  const t = useTranslations("mobilityForm");
  const tActivity = useTranslations("activities");
  const tStatus = useTranslations("mobilityStatus");
  const tErr = useTranslations("errors");
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const ruleMessage = useRuleMessage();
  const tGrant = useTranslations("grant");
  const money = useFormatMoney();
  const staff = participants.filter((p) => p.kind === "staff");
  const pupils = participants.filter((p) => p.kind === "pupil");

  const form = useForm<MobilityFormValues, unknown, TLogMobility>({
    resolver: mobilityResolver(projectId),
    defaultValues: existing?.values ?? EMPTY_MOBILITY,
    mode: "onTouched",
  });
  const members = useFieldArray({ control: form.control, name: "members" });
  const partners = useQuery(trpc.partners.list.queryOptions({ orgId }));
  const values = useWatch({ control: form.control }) as MobilityFormValues;
  const activity = values.activityType;
  const isGroup = activity === "LM-GRP-PUPIL";
  const isIncoming = INCOMING_ACTIVITIES.includes(activity);
  const isVisit = activity === "PREP-VISIT";
  const mayAccompany = activity === "LM-SHORT-PUPIL" || activity === "LM-LONG-PUPILS";

  // The live estimate: the same engine, the same project context as saving will use.
  const debounced = useDebounced(values, 350);
  const parsed = parseMobility(projectId, debounced);
  const estimate = useQuery({
    ...trpc.mobilities.estimate.queryOptions(
      parsed.success ? { ...parsed.data, orgId, mobilityId: existing?.mobilityId } : { orgId, ...toApiInputFallback() },
    ),
    enabled: parsed.success,
    placeholderData: keepPreviousData,
  });
  const grant = parsed.success && estimate.data ? estimate.data : null;
  const engineIssuesFor = (field: string): GrantIssue[] =>
    (grant?.issues ?? []).filter((issue) => issue.field && (ENGINE_FIELD[issue.field] ?? formFieldOf(issue.field)) === field);

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

  const engineNote = (field: string) => <EngineIssues issues={engineIssuesFor(field)} field={field} format={ruleMessage} />;

  const textField = (name: FieldPath<MobilityFormValues>, label: string, props: React.ComponentProps<typeof Input> = {}, description?: string) => (
    <FormField
      control={form.control}
      name={name}
      render={({ field }) => (
        <FormItem>
          <FormLabel>{label}</FormLabel>
          <FormControl>
            <Input {...props} name={field.name} ref={field.ref} onBlur={field.onBlur} value={String(field.value ?? "")} onChange={props.onChange ?? field.onChange} />
          </FormControl>
          {description && <FormDescription>{description}</FormDescription>}
          <FormMessage />
          {engineNote(name)}
        </FormItem>
      )}
    />
  );

  const switchField = (name: FieldPath<MobilityFormValues>, label: string, description?: string) => (
    <FormField
      control={form.control}
      name={name}
      render={({ field }) => (
        <FormItem className="flex flex-row items-start gap-3">
          <FormControl>
            <Switch checked={Boolean(field.value)} onCheckedChange={field.onChange} />
          </FormControl>
          <div className="grid gap-1">
            <FormLabel>{label}</FormLabel>
            {description && <FormDescription>{description}</FormDescription>}
            <FormMessage />
            {engineNote(name)}
          </div>
        </FormItem>
      )}
    />
  );

  const participantSelect = (name: FieldPath<MobilityFormValues>, label: string, options: ParticipantOption[], testId?: string) => (
    <FormField
      control={form.control}
      name={name}
      render={({ field }) => (
        <FormItem>
          <FormLabel>{label}</FormLabel>
          <Select value={String(field.value ?? "")} onValueChange={field.onChange}>
            <FormControl>
              <SelectTrigger className="w-full" data-testid={testId}>
                <SelectValue placeholder={t("chooseParticipant")} />
              </SelectTrigger>
            </FormControl>
            <SelectContent>
              {options.map((p) => (
                <SelectItem key={p.id} value={p.id}>
                  {p.label}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
          <FormMessage />
        </FormItem>
      )}
    />
  );

  const participantLabel = isGroup ? t("leadAccompanying") : isVisit ? t("visitLead") : isIncoming ? t("guest") : t("participant");
  const leadOptions = isGroup || isVisit || activity.startsWith("SM-") || isIncoming || values.accompanying ? staff : pupils;

  return (
    <Form {...form}>
      <form onSubmit={submit} noValidate className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem] lg:items-start">
        <div className="grid min-w-0 gap-6">
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
              {participantSelect("participantId", participantLabel, leadOptions.length ? leadOptions : participants, "participant-select")}
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
              {mayAccompany && <div className="md:col-span-2">{switchField("accompanying", t("accompanying"), t("accompanyingHelp"))}</div>}
              {isVisit && textField("persons", t("persons"), { type: "number", min: 1, max: 3, inputMode: "numeric" }, t("personsHelp"))}
            </CardContent>
          </Card>

          {isGroup && (
            <Card>
              <CardHeader>
                <CardTitle>{t("sections.group")}</CardTitle>
                <CardDescription>{t("groupHelp")}</CardDescription>
              </CardHeader>
              <CardContent className="grid gap-4">
                <div className="max-w-xs">{textField("pupilCount", t("pupilCount"), { type: "number", min: 0, inputMode: "numeric" }, t("pupilCountHelp"))}</div>
                {engineNote("members")}
                {members.fields.map((member, index) => (
                  <div key={member.id} className="grid items-end gap-3 rounded-md border p-3 sm:grid-cols-[1fr_auto_auto]" data-testid={`member-${index}`}>
                    {participantSelect(
                      `members.${index}.participantId`,
                      member.role === "pupil" ? t("namedPupil") : t("furtherAccompanying"),
                      member.role === "pupil" ? pupils : staff,
                    )}
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
                  <Button type="button" variant="outline" size="sm" onClick={() => members.append({ participantId: "", role: "pupil", fewerOpportunities: false, startDate: "", endDate: "", inclusionRealCostEur: "" })}>
                    <Plus className="size-4" aria-hidden /> {t("addNamedPupil")}
                  </Button>
                  <Button type="button" variant="outline" size="sm" data-testid="add-accompanying" onClick={() => members.append({ participantId: "", role: "accompanying", fewerOpportunities: false, startDate: "", endDate: "", inclusionRealCostEur: "" })}>
                    <Plus className="size-4" aria-hidden /> {t("addAccompanying")}
                  </Button>
                </div>
              </CardContent>
            </Card>
          )}

          <Card>
            <CardHeader>
              <CardTitle>{t("sections.when")}</CardTitle>
              <CardDescription>{t("datesHelp")}</CardDescription>
            </CardHeader>
            <CardContent className="grid gap-4 md:grid-cols-3">
              {textField("startDate", t("startDate"), { type: "date" })}
              {textField("endDate", t("endDate"), { type: "date" })}
              {textField("travelDays", t("travelDays"), { type: "number", min: 0, max: 6, inputMode: "numeric" }, t("travelDaysHelp"))}
              {activity === "SM-COUR-TRAIN" && textField("courseDays", t("courseDays"), { type: "number", min: 0, inputMode: "numeric" }, t("courseDaysHelp"))}
              <div className="md:col-span-3">{switchField("greenTravel", t("greenTravel"), t("greenTravelHelp"))}</div>
              <FormField
                control={form.control}
                name="meansOfTransport"
                render={({ field }) => (
                  <FormItem>
                    <FormLabel>{t("meansOfTransport")}</FormLabel>
                    <Select value={field.value === "" ? undefined : field.value} onValueChange={field.onChange}>
                      <FormControl>
                        <SelectTrigger className="w-full">
                          <SelectValue placeholder={t("optional")} />
                        </SelectTrigger>
                      </FormControl>
                      <SelectContent>
                        {MEANS_OF_TRANSPORT.map((m) => (
                          <SelectItem key={m} value={m}>
                            {t(`transport.${m}`)}
                          </SelectItem>
                        ))}
                      </SelectContent>
                    </Select>
                  </FormItem>
                )}
              />
            </CardContent>
          </Card>

          <Card>
            <CardHeader>
              <CardTitle>{isIncoming ? t("sections.guestFrom") : t("sections.where")}</CardTitle>
              {isIncoming && <CardDescription>{t("incomingHelp")}</CardDescription>}
            </CardHeader>
            <CardContent className="grid gap-4 md:grid-cols-2">
              <div className="md:col-span-2">
                {textField("receivingOrganisation", isIncoming ? t("sendingOrganisation") : t("receivingOrganisation"), {
                  list: "partner-organisations",
                  autoComplete: "off",
                  onChange: (event) => {
                    const name = event.target.value;
                    form.setValue("receivingOrganisation", name, { shouldDirty: true });
                    // A known partner fills its country and town (and so the distance).
                    const partner = partners.data?.find((p) => p.name.toLowerCase() === name.trim().toLowerCase());
                    if (partner) {
                      form.setValue("destinationCountry", partner.country, { shouldDirty: true });
                      form.setValue("destinationTown", partner.town, { shouldDirty: true });
                    }
                  },
                })}
                <datalist id="partner-organisations">
                  {partners.data?.map((p) => (
                    <option key={p.id} value={p.name}>
                      {p.town}
                    </option>
                  ))}
                </datalist>
              </div>
              <FormField
                control={form.control}
                name="destinationCountry"
                render={({ field }) => (
                  <FormItem>
                    <FormLabel>{t("country")}</FormLabel>
                    <CountrySelect countries={countries} value={field.value} onChange={field.onChange} placeholder={t("chooseCountry")} testId="country-select" />
                    <FormMessage />
                    {engineNote("destinationCountry")}
                  </FormItem>
                )}
              />
              {textField("destinationTown", t("town"))}
              {!isIncoming && textField("originTown", t("originTown"), { placeholder: schoolTown }, t("originTownHelp"))}
              {textField("distanceKm", t("distanceKm"), { type: "number", min: 0, inputMode: "numeric", placeholder: grant?.details.distanceKm ? String(grant.details.distanceKm) : "" }, t("distanceKmHelp"))}
            </CardContent>
          </Card>

          <Card>
            <CardHeader>
              <CardTitle>{t("sections.support")}</CardTitle>
            </CardHeader>
            <CardContent className="grid gap-4 md:grid-cols-2">
              {specialCategory && !isGroup && !values.accompanying && !isVisit && (
                <div className="md:col-span-2">{switchField("fewerOpportunities", t("fewerOpportunities"), t("fewerOpportunitiesHelp"))}</div>
              )}
              {specialCategory && !isGroup && values.fewerOpportunities && textField("inclusionRealCostEur", t("inclusionRealCost"), { inputMode: "decimal", placeholder: "0,00" }, t("inclusionRealCostHelp"))}
              {textField("expensiveTravelRealCostEur", t("expensiveTravelRealCost"), { inputMode: "decimal", placeholder: "0,00" }, t("expensiveTravelHelp"))}
              {!values.accompanying && !isVisit && <div className="md:col-span-2">{switchField("linguisticSupport", t("linguisticSupport"), t("linguisticSupportHelp"))}</div>}
              <div className="md:col-span-2">{switchField("forceMajeure", t("forceMajeure"), t("forceMajeureHelp"))}</div>
              <FormField
                control={form.control}
                name="notes"
                render={({ field }) => (
                  <FormItem className="md:col-span-2">
                    <FormLabel>{t("notes")}</FormLabel>
                    <FormControl>
                      <Textarea {...field} rows={3} />
                    </FormControl>
                    <FormMessage />
                  </FormItem>
                )}
              />
            </CardContent>
            <CardFooter className="justify-end gap-2">
              <Button type="button" variant="outline" onClick={() => router.back()}>
                {t("cancel")}
              </Button>
              <Button type="submit" disabled={pending}>
                {pending ? t("saving") : existing ? t("saveChanges") : t("save")}
              </Button>
            </CardFooter>
          </Card>
        </div>
        <div className="lg:sticky lg:top-20" id="grant-panel">
          <GrantPanel grant={grant} pending={estimate.isFetching} />
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

  function toApiInputFallback() {
    return toApiInput(projectId, EMPTY_MOBILITY);
  }
}

