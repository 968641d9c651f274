import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/*
 * Reading the mail the file transport wrote (server/mail/mailer.ts): each message is one JSON file in
 * $MOBILO_DATA_DIR/mail. Call `useTemporaryDataDir()` inside `vi.hoisted` so the server modules see it.
 */

export interface TStoredMail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

export function useTemporaryDataDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "mobilo-mail-"));
  process.env.MOBILO_DATA_DIR = dir;
  return dir;
}

export function readMails(): TStoredMail[] {
  const dir = path.join(process.env.MOBILO_DATA_DIR ?? ".data", "mail");
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith(".json")).sort();
  } catch {
    return [];
  }
  return names.map((name) => JSON.parse(readFileSync(path.join(dir, name), "utf8")) as TStoredMail);
}

/** The newest mail to `to` (polling briefly: some mail leaves after the response), and the token in its link. */
export async function waitForMail(to: string, linkPath: "invite" | "reset-password", timeoutMs = 5_000) {
  const deadline = Date.now() + timeoutMs;
  const pattern = new RegExp(`/${linkPath}/([A-Za-z0-9_-]{20,})`);
  for (;;) {
    const mail = readMails()
      .filter((m) => m.to === to && pattern.test(m.text))
      .at(-1);
    if (mail) return { mail, token: pattern.exec(mail.text)?.[1] ?? "" };
    if (Date.now() > deadline) throw new Error(`no ${linkPath} mail to ${to}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
