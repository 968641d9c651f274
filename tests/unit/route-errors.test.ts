import { TRPCError } from "@trpc/server";
import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { errorToResponse } from "@/server/api/route-errors";
import { AppError } from "@/server/errors";
import { log } from "@/server/log";

async function answer(error: unknown) {
  const response = errorToResponse(error, "test");
  return { status: response.status, body: (await response.json()) as unknown, cacheControl: response.headers.get("cache-control") };
}

describe("the route handlers' one error body", () => {
  it("answers a domain error with its key and field errors, uncached", async () => {
    expect(await answer(new AppError("CONFLICT", "invalidInput", { email: ["emailTaken"] }))).toEqual({
      status: 409, body: { message: "invalidInput", fieldErrors: { email: ["emailTaken"] } }, cacheControl: "no-store",
    });
    expect(await answer(new AppError("NOT_FOUND", "fileNotFound"))).toMatchObject({ status: 404, body: { message: "fileNotFound" } });
  });

  it("answers the procedures' own refusals and invalid input like the tRPC API", async () => {
    expect(await answer(new TRPCError({ code: "UNAUTHORIZED" }))).toMatchObject({ status: 401, body: { message: "unauthorized" } });
    const zod = z.object({ orgId: z.uuid({ error: "invalidId" }) }).safeParse({ orgId: "x" });
    expect(zod.success).toBe(false);
    if (zod.success) return;
    expect(await answer(new TRPCError({ code: "BAD_REQUEST", cause: zod.error }))).toEqual({
      status: 400, body: { message: "invalidInput", fieldErrors: { orgId: ["invalidId"] } }, cacheControl: "no-store",
    });
    expect(await answer(zod.error)).toMatchObject({ status: 400, body: { fieldErrors: { orgId: ["invalidId"] } } });
  });

  it("translates a database error and never shows an unknown one", async () => {
    const unique = Object.assign(new Error("duplicate key"), { code: "23505", constraint_name: "users_email_key" });
    expect(await answer(new TRPCError({ code: "INTERNAL_SERVER_ERROR", cause: unique }))).toMatchObject({ status: 409, body: { fieldErrors: { email: ["emailTaken"] } } });
    const logged = vi.spyOn(log, "error").mockImplementation(() => undefined);
    const unknown = await answer(new Error("select * from secrets failed at line 3"));
    expect(unknown).toEqual({ status: 500, body: { message: "internal" }, cacheControl: "no-store" });
    expect(logged).toHaveBeenCalledOnce();
    logged.mockRestore();
  });
});
