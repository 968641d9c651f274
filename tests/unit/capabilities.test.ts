import { describe, expect, it } from "vitest";
import { can, mayInvite, schoolRolesWith, type TCapability, type TRole } from "@/lib/capabilities";
import { MEMBERSHIP_ROLES } from "@/server/schemas/members";

/*
 * The map of who may do what (lib/capabilities.ts), pinned: every role × every capability. Changing
 * who may do something is a change of this table — and of the authorisation matrix
 * (tests/server/authorization-matrix.test.ts), which checks the procedures built from it.
 */

const ROLES = ["coordinator", "teacher", "headteacher", "school_admin", "na_officer"] as const satisfies readonly TRole[];
type TRow = readonly [coordinator: 0 | 1, teacher: 0 | 1, headteacher: 0 | 1, schoolAdmin: 0 | 1, naOfficer: 0 | 1];

/** Every capability there is: a Record over the type, so tsc refuses a table that misses one. */
const TABLE: Record<TCapability, TRow> = {
  //                      coord teach head admin officer
  "school.read": [1, 1, 1, 1, 0],
  "projects.manage": [1, 0, 0, 0, 0],
  "mobility.log": [1, 0, 0, 0, 0],
  "mobility.edit": [1, 1, 0, 0, 0],
  "mobility.editAny": [1, 0, 0, 0, 0],
  "mobility.setStatus": [1, 0, 0, 0, 0],
  "mobility.delete": [1, 0, 0, 0, 0],
  "evidence.edit": [1, 1, 0, 0, 0],
  "participants.manage": [1, 0, 0, 0, 0],
  "partners.manage": [1, 0, 0, 0, 0],
  "bm.import": [1, 0, 0, 0, 0],
  "members.read": [1, 0, 1, 1, 0],
  "members.invite": [1, 0, 0, 1, 0],
  "members.manage": [0, 0, 0, 1, 0],
  "audit.read": [1, 0, 1, 1, 0],
  "findings.read": [1, 0, 1, 0, 0],
  "findings.reply": [1, 0, 0, 0, 0],
  "retention.read": [1, 0, 1, 1, 0],
  "retention.run": [1, 0, 0, 1, 0],
  "integrations.manage": [1, 0, 0, 1, 0],
  "na.oversee": [0, 0, 0, 0, 1],
  "na.findings.manage": [0, 0, 0, 0, 1],
  "na.rates.manage": [0, 0, 0, 0, 1],
  "na.integrations.manage": [0, 0, 0, 0, 1],
};

describe("the role-capability map", () => {
  it("has the school's roles plus the NA officer", () => {
    expect(ROLES.filter((r) => r !== "na_officer")).toEqual([...MEMBERSHIP_ROLES]);
  });

  it.each(Object.entries(TABLE) as [TCapability, TRow][])("%s", (capability, row) => {
    expect(ROLES.map((role) => (can(role, capability) ? 1 : 0))).toEqual([...row]);
  });

  it("gives no capability to no role (not a member, not signed in)", () => {
    for (const capability of Object.keys(TABLE) as TCapability[]) {
      expect(can(undefined, capability)).toBe(false);
      expect(can(null, capability)).toBe(false);
    }
  });

  it("names the school roles that have a capability (whom a finding notifies)", () => {
    expect(schoolRolesWith("findings.read")).toEqual(["coordinator", "headteacher"]);
    expect(schoolRolesWith("members.manage")).toEqual(["school_admin"]);
  });

  it("lets a school admin invite anyone and a coordinator only teachers without the special-category permission", () => {
    for (const role of MEMBERSHIP_ROLES) {
      for (const specialCategoryAccess of [false, true]) {
        expect(mayInvite("school_admin", { role, specialCategoryAccess })).toBe(true);
        expect(mayInvite("coordinator", { role, specialCategoryAccess })).toBe(role === "teacher" && !specialCategoryAccess);
        expect(mayInvite("headteacher", { role, specialCategoryAccess })).toBe(false);
        expect(mayInvite("teacher", { role, specialCategoryAccess })).toBe(false);
        expect(mayInvite(undefined, { role, specialCategoryAccess })).toBe(false);
      }
    }
  });
});
