import { describe, expect, it } from "vitest";
import { createLogger, markPublicAddresses, setActor, withRequest } from "@/server/log";

function capture(format: "json" | "pretty" = "json") {
  const lines: string[] = [];
  const logger = createLogger({ level: "info", format, destination: { write: (chunk: string) => void lines.push(chunk) } });
  const entries = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  return { logger, lines, entry: (index: number) => entries()[index] ?? {} };
}

describe("server/log", () => {
  it("puts the request id on every line of a request, and the actor once known", async () => {
    const { logger, entry } = capture();
    const request = new Request("http://localhost/api/x", { headers: { "x-request-id": "req-0123456789" } });
    await withRequest(request, async () => {
      logger.info("before sign-in");
      await Promise.resolve();
      setActor({ userId: "u-1", orgId: "o-1", role: "coordinator" });
      logger.warn({ step: 2 }, "after");
    });
    logger.info("outside");
    const [first, second, third] = [entry(0), entry(1), entry(2)];
    expect(first).toMatchObject({ requestId: "req-0123456789", msg: "before sign-in" });
    expect(first.actor).toBeUndefined();
    expect(second).toMatchObject({ requestId: "req-0123456789", actor: { userId: "u-1", orgId: "o-1", role: "coordinator" }, step: 2 });
    expect(third.requestId).toBeUndefined();
  });

  it("gives each request its own id when the caller sends none or a malformed one", async () => {
    const { logger, entry } = capture();
    await withRequest(new Request("http://localhost/"), async () => logger.info("a"));
    await withRequest(new Request("http://localhost/", { headers: { "x-request-id": "bad id {\"x\":1}" } }), async () => logger.info("b"));
    const [a, b] = [entry(0), entry(1)];
    expect(a.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(b.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(a.requestId).not.toBe(b.requestId);
  });

  it("keeps e-mail addresses and names out of the log, at any depth, in errors too", () => {
    const { logger, lines } = capture();
    const error = Object.assign(new Error("duplicate key: Key (email)=(ana.zupan@school.si) already exists"), {
      detail: "Key (email)=(ana.zupan@school.si)",
      code: "23505",
    });
    logger.error({ err: error, input: { members: [{ firstName: "Ana", lastName: "Zupan", email: "ana.zupan@school.si", birthDate: "2012-01-01" }] } }, "failed for ana.zupan@school.si");
    const out = lines.join("");
    expect(out).not.toContain("ana.zupan");
    expect(out).not.toContain("Zupan");
    expect(out).not.toContain("2012-01-01");
    const logged = JSON.parse(lines[0] ?? "{}") as { err: { code: string; type: string; stack: string }; msg: string };
    expect(logged.err.code).toBe("23505");
    expect(logged.err.type).toBe("Error");
    expect(logged.err.stack).toContain("log.test.ts");
    expect(logged.msg).toBe("failed for [email]");
  });

  it("leaves technical fields and ids alone", () => {
    const { logger, entry } = capture();
    logger.info({ userId: "u-1", filename: "a.pdf", path: "projects.update", count: 3, name: "" }, "saved");
    expect(entry(0)).toMatchObject({ userId: "u-1", filename: "a.pdf", path: "projects.update", count: 3, name: "", msg: "saved" });
  });

  it("prints the demo logins published in the README, and only those", () => {
    const { logger, entry } = capture();
    markPublicAddresses(["demo@os-lipa.si"]);
    logger.info("demo@os-lipa.si and real@os-lipa.si");
    expect(entry(0).msg).toBe("demo@os-lipa.si and [email]");
  });

  it("writes readable lines for development", async () => {
    const { logger, lines } = capture("pretty");
    await withRequest(new Request("http://localhost/", { headers: { "x-request-id": "abcdef0123456789" } }), async () => {
      setActor({ userId: "12345678-aaaa", role: "teacher" });
      logger.error({ err: new Error("boom"), path: "x.y" }, "procedure failed");
    });
    expect(lines[0]).toMatch(/^\d\d:\d\d:\d\d\.\d{3} ERROR \[abcdef01 user:12345678\/teacher\] procedure failed \{"path":"x.y"\}\n {4}Error: boom/);
  });
});
