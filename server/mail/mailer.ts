import { randomBytes } from "node:crypto";
import { mkdir, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import nodemailer, { type Transporter } from "nodemailer";
import { dataDir, env } from "@/server/env";

/*
 * Outgoing mail. With SMTP_URL the messages go to that server; without it (development, tests, e2e)
 * each message is written as a JSON file into $MOBILO_DATA_DIR/mail/, where a developer or a test
 * can read the link in it. Nothing else in the app talks to nodemailer.
 */

export interface TMail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

export function mailDir(): string {
  return path.join(dataDir(), "mail");
}

const globalMail = globalThis as typeof globalThis & { mobiloMailTransport?: Transporter };

function transport(): Transporter {
  // jsonTransport renders the message without sending it; we then store it ourselves.
  globalMail.mobiloMailTransport ??= env.SMTP_URL ? nodemailer.createTransport(env.SMTP_URL) : nodemailer.createTransport({ jsonTransport: true });
  return globalMail.mobiloMailTransport;
}

export async function sendMail(mail: TMail): Promise<void> {
  const info = await transport().sendMail({ from: env.MAIL_FROM, ...mail });
  if (env.SMTP_URL) return;
  await mkdir(mailDir(), { recursive: true });
  const name = `${new Date().toISOString().replace(/[:.]/g, "-")}-${randomBytes(4).toString("hex")}.json`;
  const stored = { from: env.MAIL_FROM, ...mail, messageId: String(info.messageId ?? ""), sentAt: new Date().toISOString() };
  // Written aside and renamed: whoever reads the folder never sees half a message.
  const file = path.join(mailDir(), name);
  await writeFile(`${file}.part`, JSON.stringify(stored, null, 2), { mode: 0o600 });
  await rename(`${file}.part`, file);
}

/** Absolute links in e-mails: APP_URL (set it in production), else AUTH_URL, else the local server. */
export function appUrl(pathname: string): string {
  const base = env.APP_URL ?? process.env.AUTH_URL ?? `http://localhost:${process.env.PORT ?? "3000"}`;
  return new URL(pathname, base).toString();
}

const escapeHtml = (value: string) =>
  value.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);

/** Fills `{name}` placeholders of a translated message. */
export function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}

/** A plain message with one button: the text version and an HTML version with the values escaped. */
export function composeMail(
  to: string,
  text: { subject: string; greeting: string; body: string; action: string; footer: string },
  link: string,
): TMail {
  const plain = `${text.greeting}\n\n${text.body}\n\n${text.action}: ${link}\n\n${text.footer}\n`;
  const html =
    `<p>${escapeHtml(text.greeting)}</p><p>${escapeHtml(text.body)}</p>` +
    `<p><a href="${escapeHtml(link)}">${escapeHtml(text.action)}</a></p>` +
    `<p style="color:#666;font-size:12px">${escapeHtml(text.footer)}</p>`;
  return { to, subject: text.subject, text: plain, html };
}
