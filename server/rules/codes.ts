/**
 * Stable error and warning codes of the rules engine. Clients translate them with
 * messages/{en,sl}/rules.json, so a code is never renamed; new codes are appended.
 */
export const RULE_CODES = [
  // input
  "DATE_INVALID",
  "DATE_END_BEFORE_START",
  "DURATION_BELOW_MIN",
  "DURATION_ABOVE_MAX",
  "TRAVEL_DAYS_EXCEED",
  "DISTANCE_MISSING",
  "DISTANCE_BELOW_MIN",
  "TOWN_NOT_FOUND",
  "COUNTRY_UNKNOWN",
  // rate tables
  "RATE_MISSING",
  "RATE_TABLE_MISSING",
  "NA_CODE_MISSING",
  "FIGURE_UNCONFIRMED",
  "GREEN_TRAVEL_NO_GREEN_RATE",
  // participant flags and cost categories
  "ACCOMPANYING_FEWER_OPPORTUNITIES",
  "LINGUISTIC_SUPPORT_NOT_FOR_ACCOMPANYING",
  "INCLUSION_REQUIRES_FEWER_OPPORTUNITIES",
  "COURSE_DAYS_ONLY_FOR_COURSES",
  "COURSE_DAYS_EXCEED_ACTIVITY",
  "COURSE_FEE_CAP_REACHED",
  "EXPENSIVE_TRAVEL_NOT_ELIGIBLE",
  "PREP_VISIT_TOO_MANY_PERSONS",
  // group mobility of pupils
  "GROUP_TOO_FEW_PUPILS",
  "GROUP_WITHOUT_ACCOMPANYING",
  "GROUP_ORGANISATIONAL_SUPPORT_CAPPED",
  // project level
  "ORGANISATIONAL_SUPPORT_STEP_APPLIED",
  "KA122_PARTICIPANT_CAP",
  "KA122_GRANT_LIMIT",
  "KA121_EXTENSION_REQUIRED",
  "PROJECT_DURATION_BELOW_MIN",
  "PROJECT_DURATION_ABOVE_MAX",
  "PARTNERSHIP_TOO_FEW_ORGANISATIONS",
  "PARTNERSHIP_TOO_FEW_COUNTRIES",
  "LUMP_SUM_INVALID",
  // input (appended)
  "TOWN_AMBIGUOUS",
] as const;

export type RuleCode = (typeof RULE_CODES)[number];

/**
 * English message templates; ICU-style `{name}` placeholders are filled from the params.
 * messages/en/rules.json holds the same texts (a unit test keeps them equal).
 */
export const RULE_MESSAGES_EN: Readonly<Record<RuleCode, string>> = {
  DATE_INVALID: "{date} is not a valid date (expected YYYY-MM-DD).",
  DATE_END_BEFORE_START: "The end date {endDate} is before the start date {startDate}.",
  DURATION_BELOW_MIN:
    "The activity lasts {days} days; “{activityType}” needs at least {min} days (travel days excluded).",
  DURATION_ABOVE_MAX:
    "The activity lasts {days} days; “{activityType}” allows at most {max} days (travel days excluded).",
  TRAVEL_DAYS_EXCEED: "{travelDays} travel days entered; only {max} are funded.",
  DISTANCE_MISSING: "Enter the one-way distance in km, or the towns of origin and destination.",
  DISTANCE_BELOW_MIN: "The one-way distance is {km} km; travel is funded from {min} km, so there is no travel grant.",
  TOWN_NOT_FOUND: "The town \"{town}\" was not found; check the spelling or enter the distance in km.",
  COUNTRY_UNKNOWN: "No country group is known for {country} in call {callYear}.",
  RATE_MISSING:
    "Not known yet for National Agency {naCode}, call {callYear}: {rate}. The National Agency has to enter it.",
  RATE_TABLE_MISSING:
    "Not known for call {callYear}: {rate}.",
  NA_CODE_MISSING: "Choose the National Agency: it sets the individual support rates.",
  FIGURE_UNCONFIRMED:
    "Not yet confirmed for call {callYear}: {rate}. Check it with your National Agency.",
  GREEN_TRAVEL_NO_GREEN_RATE:
    "Call {callYear} has no green travel amount for the {band} km band; the standard amount is paid.",
  ACCOMPANYING_FEWER_OPPORTUNITIES: "An accompanying person cannot be a participant with fewer opportunities.",
  LINGUISTIC_SUPPORT_NOT_FOR_ACCOMPANYING: "Accompanying persons get no linguistic support.",
  INCLUSION_REQUIRES_FEWER_OPPORTUNITIES:
    "Inclusion support is only for participants with fewer opportunities; the real costs were not counted.",
  COURSE_DAYS_ONLY_FOR_COURSES: "Course fees are only for courses and training; the course days were ignored.",
  COURSE_DAYS_EXCEED_ACTIVITY: "{courseDays} course days exceed the {days} activity days.",
  COURSE_FEE_CAP_REACHED:
    "Course fees are funded for at most {max} days per participant per project; {funded} of {courseDays} days are funded.",
  EXPENSIVE_TRAVEL_NOT_ELIGIBLE:
    "The travel unit cost covers {coveredPercent}% of the real cost; expensive travel needs it to cover less than {thresholdPercent}%.",
  PREP_VISIT_TOO_MANY_PERSONS: "A preparatory visit is funded for at most {max} persons; {persons} entered.",
  GROUP_TOO_FEW_PUPILS: "A group mobility needs at least {min} pupils; {pupils} entered.",
  GROUP_WITHOUT_ACCOMPANYING: "Pupils in a group mobility must be accompanied by staff of the sending school at all times.",
  GROUP_ORGANISATIONAL_SUPPORT_CAPPED:
    "Organisational support for a group is capped at {capEur} EUR; {pupils} pupils would give {uncappedEur} EUR.",
  ORGANISATIONAL_SUPPORT_STEP_APPLIED:
    "Beyond the {step}th participant, organisational support is {beyondEur} EUR per participant instead of {standardEur} EUR.",
  KA122_PARTICIPANT_CAP:
    "A KA122 project may have at most {max} participants (accompanying persons and preparatory visits excluded); this one has {count}.",
  KA122_GRANT_LIMIT:
    "At most {max} KA122-SCH grants are allowed in {windowYears} consecutive call years; calls {fromYear}–{toYear} have {count}.",
  KA121_EXTENSION_REQUIRED: "A KA121 project lasts {initialMonths} months; {months} months need an extension (up to {maxMonths}).",
  PROJECT_DURATION_BELOW_MIN: "A {action} project lasts at least {min} months; this one lasts {months}.",
  PROJECT_DURATION_ABOVE_MAX: "A {action} project lasts at most {max} months; this one lasts {months}.",
  PARTNERSHIP_TOO_FEW_ORGANISATIONS: "A {action} partnership needs at least {min} organisations; {count} entered.",
  PARTNERSHIP_TOO_FEW_COUNTRIES: "A {action} partnership needs organisations from at least {min} countries; {count} entered.",
  LUMP_SUM_INVALID: "{lumpSumEur} EUR is not a lump sum of {action}; allowed: {allowed}.",
  TOWN_AMBIGUOUS: "There are towns called \"{town}\" in several countries ({countries}); choose the country.",
};
