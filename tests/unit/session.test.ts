import { encode } from "next-auth/jwt";
import { afterEach, describe, expect, it, vi } from "vitest";
import { sessionFromCookieHeader } from "@/server/auth/session";

/*
 * The per-request session reader (server/auth/session.ts) must accept exactly the cookies Auth.js
 * issues and nothing else — and its cache must never outlive a token.
 */

const SECRET = "test-secret-test-secret-test-secret-0123456789";
const COOKIE = "authjs.session-token";
const HOUR = 3600;

async function token(options: { sub?: string; secret?: string; salt?: string; maxAge?: number; email?: string } = {}) {
  return encode({
    token: { sub: options.sub ?? "8b0f7c1e-0000-4000-8000-000000000001", name: "Ana Novak", email: options.email ?? "ana@os-lipa.si" },
    secret: options.secret ?? SECRET,
    salt: options.salt ?? COOKIE,
    maxAge: options.maxAge ?? 8 * HOUR,
  });
}

afterEach(() => {
  vi.useRealTimers();
});

describe("sessionFromCookieHeader", () => {
  it("reads the session cookie Auth.js issues, shaped as auth() returns it", async () => {
    const session = await sessionFromCookieHeader(`theme=dark; ${COOKIE}=${await token()}`, SECRET);
    expect(session?.user).toEqual({ id: "8b0f7c1e-0000-4000-8000-000000000001", name: "Ana Novak", email: "ana@os-lipa.si" });
    const expires = Date.parse(session?.expires ?? "");
    expect(expires).toBeGreaterThan(Date.now() + 7 * HOUR * 1000);
    expect(expires).toBeLessThanOrEqual(Date.now() + 8 * HOUR * 1000 + 1000);
    // A token without our signedInAt claim (from before it existed) stands for the start of its iat second.
    expect(session?.issuedAtMs).toBeGreaterThanOrEqual(Date.now() - 5000);
    expect(session?.issuedAtMs).toBeLessThanOrEqual(Date.now());
    expect((session?.issuedAtMs ?? 1) % 1000).toBe(0);
  });

  it("takes when the user signed in from the signedInAt claim, to the millisecond", async () => {
    const signedInAt = Date.now() - 1234;
    const value = await encode({ token: { sub: "8b0f7c1e-0000-4000-8000-000000000002", signedInAt }, secret: SECRET, salt: COOKIE });
    expect((await sessionFromCookieHeader(`${COOKIE}=${value}`, SECRET))?.issuedAtMs).toBe(signedInAt);
  });

  it("reads the __Secure- cookie (HTTPS), whose key is derived from its own name", async () => {
    const name = `__Secure-${COOKIE}`;
    const session = await sessionFromCookieHeader(`${name}=${await token({ salt: name, email: "secure@os-lipa.si" })}`, SECRET);
    expect(session?.user?.email).toBe("secure@os-lipa.si");
    // A token made for the plain cookie does not open the secure one (a different derived key).
    expect(await sessionFromCookieHeader(`${name}=${await token({ email: "plain@os-lipa.si" })}`, SECRET)).toBeNull();
  });

  it("joins a chunked cookie in order", async () => {
    const value = await token({ email: "chunked@os-lipa.si" });
    const half = Math.floor(value.length / 2);
    const header = `${COOKIE}.1=${value.slice(half)}; ${COOKIE}.0=${value.slice(0, half)}`;
    expect((await sessionFromCookieHeader(header, SECRET))?.user?.email).toBe("chunked@os-lipa.si");
  });

  it("refuses no cookie, garbage, a tampered token and a token signed with another secret", async () => {
    expect(await sessionFromCookieHeader(null, SECRET)).toBeNull();
    expect(await sessionFromCookieHeader("theme=dark", SECRET)).toBeNull();
    expect(await sessionFromCookieHeader(`${COOKIE}=not-a-token`, SECRET)).toBeNull();
    const value = await token({ email: "tampered@os-lipa.si" });
    const parts = value.split(".");
    const cipher = parts[3] ?? "";
    parts[3] = (cipher[0] === "A" ? "B" : "A") + cipher.slice(1);
    expect(await sessionFromCookieHeader(`${COOKIE}=${parts.join(".")}`, SECRET)).toBeNull();
    expect(await sessionFromCookieHeader(`${COOKIE}=${await token({ secret: "another-secret-another-secret-another-0123" })}`, SECRET)).toBeNull();
  });

  it("refuses a token without a subject", async () => {
    const value = await encode({ token: { name: "Nobody" }, secret: SECRET, salt: COOKIE });
    expect(await sessionFromCookieHeader(`${COOKIE}=${value}`, SECRET)).toBeNull();
  });

  it("stops serving a token from its cache once it expires", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-11-26T08:00:00Z"));
    const header = `${COOKIE}=${await token({ maxAge: HOUR, email: "short@os-lipa.si" })}`;
    expect((await sessionFromCookieHeader(header, SECRET))?.user?.email).toBe("short@os-lipa.si");
    vi.setSystemTime(new Date("2026-11-26T08:59:00Z"));
    // Served again (from the cache) while valid …
    expect((await sessionFromCookieHeader(header, SECRET))?.user?.email).toBe("short@os-lipa.si");
    vi.setSystemTime(new Date("2026-11-26T09:00:30Z"));
    // … and refused once expired, cached or not.
    expect(await sessionFromCookieHeader(header, SECRET)).toBeNull();
    expect(await sessionFromCookieHeader(header, SECRET)).toBeNull();
  });

  it("does not take a token an earlier secret decrypted as proof under another secret", async () => {
    const header = `${COOKIE}=${await token({ email: "cached@os-lipa.si" })}`;
    expect((await sessionFromCookieHeader(header, SECRET))?.user?.email).toBe("cached@os-lipa.si");
    expect(await sessionFromCookieHeader(header, "rotated-secret-rotated-secret-rotated-0123")).toBeNull();
  });
});
