import { type TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { participants } from "@/db/schema";
import { setupTestDatabase } from "../helpers/db";
import { callerFor, createMember, createSchool } from "../helpers/factories";

const getDb = setupTestDatabase();

describe("participants", () => {
  it("keeps fewer-opportunities data for members allowed to see it, and out of everyone else's reach", async () => {
    const db = getDb();
    const school = await createSchool(db);
    const allowed = await createMember(db, school.id, "coordinator", { specialCategory: true });
    const plain = await createMember(db, school.id, "coordinator");
    const created = await callerFor(db, allowed).participants.create({
      orgId: school.id, kind: "pupil", firstName: "Eva", lastName: "Novak", fewerOpportunities: true, fewerOpportunitiesNote: "Lives in a remote area",
    });
    expect(created.fewerOpportunities).toBe(true);

    const seenByPlain = await callerFor(db, plain).participants.list({ orgId: school.id });
    expect(seenByPlain[0]).not.toHaveProperty("fewerOpportunities");
    expect(seenByPlain[0]).not.toHaveProperty("fewerOpportunitiesNote");

    // A member without the permission edits the name; what they cannot see stays as it was.
    const edited = await callerFor(db, plain).participants.update({
      orgId: school.id, participantId: created.id, version: created.version, kind: "pupil", firstName: "Eva", lastName: "Novak Kos", fewerOpportunities: false,
    });
    expect(edited.lastName).toBe("Novak Kos");
    const [row] = await db.select().from(participants).where(eq(participants.id, created.id));
    expect(row?.fewerOpportunities).toBe(true);
    expect(row?.fewerOpportunitiesNote).toBe("Lives in a remote area");

    // A member without the permission cannot set the flag on a new participant either.
    const other = await callerFor(db, plain).participants.create({ orgId: school.id, kind: "pupil", firstName: "Jan", lastName: "Kos", fewerOpportunities: true });
    const [otherRow] = await db.select().from(participants).where(eq(participants.id, other.id));
    expect(otherRow?.fewerOpportunities).toBe(false);

    // A stale edit is refused and changes nothing.
    const stale = await callerFor(db, allowed)
      .participants.update({ orgId: school.id, participantId: created.id, version: created.version, kind: "pupil", firstName: "X", lastName: "Y", fewerOpportunities: true })
      .catch((e: unknown) => e);
    expect((stale as TRPCError).code).toBe("CONFLICT");
  });

  it("refuses a justification without the flag, on the field", async () => {
    const db = getDb();
    const school = await createSchool(db);
    const allowed = await createMember(db, school.id, "coordinator", { specialCategory: true });
    const error = await callerFor(db, allowed)
      .participants.create({ orgId: school.id, kind: "pupil", firstName: "A", lastName: "B", fewerOpportunitiesNote: "note" })
      .catch((e: unknown) => e);
    expect((error as TRPCError).code).toBe("BAD_REQUEST");
  });
});
