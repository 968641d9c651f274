import type { BmColumn, BmTemplate } from "../types";

/*
 * BM release 2025.1, mobility activities of KA121-SCH and KA122-SCH. The three mandatory columns
 * are from the EC's BM documentation (A); the other headers are as seen in BM templates (B/C) or
 * Mobilo's own where BM's was not found (U). A later BM release is a new file beside this one.
 */

const SOURCE = "EC BM wiki: Import and export mobility activities (2025)";
const MANDATORY = "Mandatory";
const OPTIONAL = "Optional";

export const BM_2025_1_COLUMNS: readonly BmColumn[] = [
  { field: "dataType", header: "Data type", mandatory: true, format: { kind: "dictionary", dictionary: "dataType" }, row2: `${MANDATORY} - Mobility activity`, source: SOURCE, confidence: "A" },
  { field: "grantAgreementNo", header: "Grant Agreement No.", aliases: ["Project number", "Project reference", "Številka projekta", "Številka pogodbe"], mandatory: true, format: { kind: "text", max: 40 }, row2: `${MANDATORY} - Text`, source: SOURCE, confidence: "A" },
  { field: "mobilityActivityId", header: "Mobility activity ID", aliases: ["Mobility ID", "ID mobilnosti"], mandatory: true, format: { kind: "text", max: 40 }, row2: `${MANDATORY} - Text (unique in the project)`, source: SOURCE, confidence: "A" },
  { field: "erasmusMobilityId", header: "Erasmus+ Mobility ID", aliases: ["Unique Erasmus+ Mobility ID"], mandatory: false, format: { kind: "text", max: 60 }, row2: `${OPTIONAL} - Text (from call 2024)`, source: SOURCE, confidence: "A" },
  { field: "groupId", header: "Group ID", aliases: ["Group", "Skupina"], mandatory: false, format: { kind: "text", max: 40 }, row2: `${OPTIONAL} - Mobility activity ID of the group's lead row`, source: "Mobilo: one group record written as one row per named person", confidence: "U" },
  { field: "activityType", header: "Activity type", aliases: ["Activity", "Vrsta aktivnosti", "Aktivnost"], mandatory: true, format: { kind: "dictionary", dictionary: "activity" }, row2: `${MANDATORY} - Activity types`, source: SOURCE, confidence: "B" },
  { field: "status", header: "Mobility status", aliases: ["Status"], mandatory: false, format: { kind: "dictionary", dictionary: "status" }, row2: `${OPTIONAL} - Draft/Complete`, source: SOURCE, confidence: "B" },
  { field: "firstName", header: "Participant first name", aliases: ["First name", "Ime"], mandatory: true, format: { kind: "text", max: 100 }, row2: `${MANDATORY} - Text`, source: SOURCE, confidence: "B" },
  { field: "lastName", header: "Participant last name", aliases: ["Last name", "Surname", "Priimek"], mandatory: true, format: { kind: "text", max: 100 }, row2: `${MANDATORY} - Text`, source: SOURCE, confidence: "B" },
  { field: "email", header: "Participant email", aliases: ["Email", "E-mail", "E-pošta", "Elektronska pošta"], mandatory: false, format: { kind: "email" }, row2: `${OPTIONAL} - E-mail`, source: SOURCE, confidence: "B" },
  { field: "accompanying", header: "Accompanying person", aliases: ["Spremljevalec", "Spremljevalna oseba"], mandatory: false, format: { kind: "dictionary", dictionary: "yesNo" }, row2: `${OPTIONAL} - Yes/No`, source: SOURCE, confidence: "A" },
  { field: "fewerOpportunities", header: "Participant with fewer opportunities", aliases: ["Fewer opportunities", "Manj priložnosti"], mandatory: false, format: { kind: "dictionary", dictionary: "yesNo" }, row2: `${OPTIONAL} - Yes/No`, specialCategory: true, source: SOURCE, confidence: "A" },
  { field: "unnamedPupils", header: "Number of unnamed pupils", aliases: ["Number of pupils", "Število učencev"], mandatory: false, format: { kind: "integer", min: 0, max: 500 }, row2: `${OPTIONAL} - Number (group mobility)`, source: "domain doc §2: pupils of a group are not named (A); the header is Mobilo's", confidence: "U" },
  { field: "persons", header: "Number of persons", aliases: ["Število oseb"], mandatory: false, format: { kind: "integer", min: 1, max: 3 }, row2: `${OPTIONAL} - Number (preparatory visit, 1-3)`, source: "domain doc §6 (A)", confidence: "U" },
  { field: "sendingOid", header: "Sending Organisation OID", aliases: ["Sending OID"], mandatory: false, format: { kind: "text", max: 9 }, row2: `${OPTIONAL} - OID (E + 8 digits)`, source: SOURCE, confidence: "B" },
  { field: "receivingOid", header: "Receiving Organisation OID", aliases: ["Receiving OID", "OID"], mandatory: false, format: { kind: "text", max: 9 }, row2: `${OPTIONAL} - OID (E + 8 digits)`, source: SOURCE, confidence: "A" },
  { field: "receivingName", header: "Receiving Organisation Name", aliases: ["Receiving organisation", "Host organisation", "Organizacija gostiteljica", "Gostiteljska organizacija"], mandatory: true, format: { kind: "text", max: 200 }, row2: `${MANDATORY} - Text`, source: SOURCE, confidence: "B" },
  { field: "receivingCountry", header: "Receiving country", aliases: ["Country", "Destination country", "Država", "Država gostiteljica"], mandatory: true, format: { kind: "dictionary", dictionary: "country" }, row2: `${MANDATORY} - Countries`, source: SOURCE, confidence: "A" },
  { field: "receivingCity", header: "Receiving city", aliases: ["City", "Destination city", "Town", "Kraj", "Mesto"], mandatory: true, format: { kind: "text", max: 120 }, row2: `${MANDATORY} - Text`, source: SOURCE, confidence: "A" },
  { field: "originCity", header: "Sending city", aliases: ["Place of origin", "City of origin", "Kraj odhoda"], mandatory: false, format: { kind: "text", max: 120 }, row2: `${OPTIONAL} - Text`, source: SOURCE, confidence: "C" },
  { field: "startDate", header: "Start date", aliases: ["Start", "From", "Začetek", "Datum začetka"], mandatory: true, format: { kind: "date" }, row2: `${MANDATORY} - Date (dd/mm/yyyy)`, source: SOURCE, confidence: "B" },
  { field: "endDate", header: "End date", aliases: ["End", "To", "Konec", "Datum konca"], mandatory: true, format: { kind: "date" }, row2: `${MANDATORY} - Date (dd/mm/yyyy)`, source: SOURCE, confidence: "B" },
  { field: "travelDays", header: "Travel days", aliases: ["Number of travel days", "Potovalni dnevi", "Dnevi potovanja"], mandatory: false, format: { kind: "integer", min: 0, max: 6 }, row2: `${OPTIONAL} - Number (0-6)`, source: SOURCE, confidence: "B" },
  { field: "distanceKm", header: "Distance (km)", aliases: ["Distance", "Razdalja", "Razdalja (km)"], mandatory: false, format: { kind: "integer", min: 0, max: 20100 }, row2: `${OPTIONAL} - Number (one-way km, EC distance calculator)`, source: SOURCE, confidence: "C" },
  { field: "greenTravel", header: "Green travel", aliases: ["Zeleno potovanje", "Trajnostno potovanje"], mandatory: false, format: { kind: "dictionary", dictionary: "yesNo" }, row2: `${OPTIONAL} - Yes/No`, source: SOURCE, confidence: "A" },
  { field: "meansOfTransport", header: "Means of transport", aliases: ["Prevozno sredstvo"], mandatory: false, format: { kind: "dictionary", dictionary: "transport" }, row2: `${OPTIONAL} - Means of transport`, source: SOURCE, confidence: "C" },
  { field: "courseDays", header: "Course days", aliases: ["Number of course days", "Dnevi tečaja"], mandatory: false, format: { kind: "integer", min: 0, max: 365 }, row2: `${OPTIONAL} - Number (courses and training)`, source: SOURCE, confidence: "C" },
  { field: "linguisticSupport", header: "Linguistic support", aliases: ["OLS not available", "Jezikovna podpora"], mandatory: false, format: { kind: "dictionary", dictionary: "yesNo" }, row2: `${OPTIONAL} - Yes/No`, source: SOURCE, confidence: "C" },
  { field: "inclusionRealCost", header: "Inclusion support for participants (real costs, EUR)", aliases: ["Inclusion support real costs"], mandatory: false, format: { kind: "amount" }, row2: `${OPTIONAL} - Amount (EUR)`, specialCategory: true, source: SOURCE, confidence: "C" },
  { field: "expensiveTravelRealCost", header: "Expensive travel (real costs, EUR)", aliases: ["Exceptional costs for expensive travel"], mandatory: false, format: { kind: "amount" }, row2: `${OPTIONAL} - Amount (EUR)`, source: SOURCE, confidence: "C" },
  { field: "forceMajeure", header: "Force majeure", aliases: ["Višja sila"], mandatory: false, format: { kind: "dictionary", dictionary: "yesNo" }, row2: `${OPTIONAL} - Yes/No`, source: SOURCE, confidence: "A" },
  { field: "distanceBand", header: "Distance band", mandatory: false, format: { kind: "text", max: 20 }, row2: "Calculated", exportOnly: true, source: SOURCE, confidence: "B" },
  { field: "fundedDays", header: "Funded duration including travel days (in days)", mandatory: false, format: { kind: "integer", min: 0, max: 400 }, row2: "Calculated", exportOnly: true, source: SOURCE, confidence: "A" },
  { field: "grantTravel", header: "Travel (EUR)", mandatory: false, format: { kind: "amount" }, row2: "Calculated", exportOnly: true, source: SOURCE, confidence: "C" },
  { field: "grantIndividualSupport", header: "Individual support (EUR)", mandatory: false, format: { kind: "amount" }, row2: "Calculated", exportOnly: true, source: SOURCE, confidence: "C" },
  { field: "grantOrganisationalSupport", header: "Organisational support (EUR)", mandatory: false, format: { kind: "amount" }, row2: "Calculated", exportOnly: true, source: SOURCE, confidence: "C" },
  { field: "grantCourseFees", header: "Course fees (EUR)", mandatory: false, format: { kind: "amount" }, row2: "Calculated", exportOnly: true, source: SOURCE, confidence: "C" },
  { field: "grantInclusionSupport", header: "Inclusion support (EUR)", mandatory: false, format: { kind: "amount" }, row2: "Calculated", exportOnly: true, specialCategory: true, source: SOURCE, confidence: "C" },
  { field: "grantLinguisticSupport", header: "Linguistic support (EUR)", mandatory: false, format: { kind: "amount" }, row2: "Calculated", exportOnly: true, source: SOURCE, confidence: "C" },
  { field: "grantExceptionalCosts", header: "Exceptional costs (EUR)", mandatory: false, format: { kind: "amount" }, row2: "Calculated", exportOnly: true, source: SOURCE, confidence: "C" },
  { field: "grantPreparatoryVisits", header: "Preparatory visits (EUR)", mandatory: false, format: { kind: "amount" }, row2: "Calculated", exportOnly: true, source: SOURCE, confidence: "U" },
  { field: "grantTotal", header: "Total grant (EUR)", mandatory: false, format: { kind: "amount" }, row2: "Calculated", exportOnly: true, source: SOURCE, confidence: "C" },
];

export const KA121_SCH_2025_1: BmTemplate = {
  id: "KA121-SCH@2025.1",
  action: "KA121-SCH",
  release: "2025.1",
  sheetName: "Mobility activities",
  columns: BM_2025_1_COLUMNS,
  source: SOURCE,
  confidence: "B",
};

export const KA122_SCH_2025_1: BmTemplate = {
  id: "KA122-SCH@2025.1",
  action: "KA122-SCH",
  release: "2025.1",
  sheetName: "Mobility activities",
  columns: BM_2025_1_COLUMNS,
  source: SOURCE,
  confidence: "B",
};
