/*
 * Where the app may send someone after signing in (`/login?next=…`): a path of this site, nothing else.
 * Browsers are generous with what they take for another host — `//evil.example`, `/\evil.example`,
 * `/\t/evil.example` (tabs and line breaks are dropped), `/%5Cevil.example` once decoded — so the rule
 * is strict: a string starting with one `/`, without a backslash, whitespace or control character, that
 * resolves to this origin; it is returned as the resolved path (path, query, fragment).
 */

const BASE = "http://mobilo.invalid";
const FORBIDDEN = /[\\\s\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

export function safeRedirectPath(value: unknown, fallback = "/"): string {
  if (typeof value !== "string" || value.length === 0 || value.length > 2000) return fallback;
  if (!value.startsWith("/") || value.startsWith("//") || FORBIDDEN.test(value)) return fallback;
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE) return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // The resolved path must itself be a plain one (no `//` that a second resolution would read as a host).
  return path.startsWith("/") && !path.startsWith("//") ? path : fallback;
}
