import { NextResponse, type NextRequest } from "next/server";
import { HSTS, isHttps, newNonce, pageContentSecurityPolicy } from "@/lib/security-headers";

/*
 * Per-request security headers of the pages (lib/security-headers.ts): a CSP with a fresh script nonce
 * (Next.js reads it from the request's Content-Security-Policy header and puts it on its scripts) and
 * HSTS when the request came over HTTPS. Route handlers (/api) and static files are not matched: they
 * set their own headers (a download's `default-src 'none'; sandbox` stays as the route wrote it).
 */
export function proxy(request: NextRequest) {
  const nonce = newNonce();
  const policy = pageContentSecurityPolicy(nonce, { development: process.env.NODE_ENV === "development" });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", policy);
  if (isHttps(request.nextUrl, request.headers)) response.headers.set("Strict-Transport-Security", HSTS);
  return response;
}

export const config = {
  matcher: [
    {
      source: "/((?!api/|_next/static|_next/image|favicon.ico|icon.svg).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
