/*
 * The Content-Security-Policy of the app's pages (proxy.ts sets it per request) and when HSTS applies.
 *
 * Scripts run only with the request's nonce (Next.js puts it on its own scripts when it finds the
 * policy in the request headers; 'strict-dynamic' lets those load their chunks): no 'unsafe-inline'
 * for scripts. Styles keep 'unsafe-inline' (style attributes of the UI components and charts; a style
 * cannot run code). Route handlers (/api) set their own headers: a download keeps its sandbox.
 */

export function pageContentSecurityPolicy(nonce: string, options: { development?: boolean } = {}): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "frame-ancestors 'none'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join("; ");
}

/** A fresh nonce per request: 128 random bits, base64. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

/**
 * HSTS only on a response that travels over HTTPS: the request's own scheme, or the scheme the proxy in
 * front says it received (`X-Forwarded-Proto`; a forged one only adds a header browsers ignore over HTTP).
 */
export function isHttps(url: URL, headers: Headers): boolean {
  if (url.protocol === "https:") return true;
  return headers.get("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase() === "https";
}

export const HSTS = "max-age=31536000; includeSubDomains";
