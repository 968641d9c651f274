import { request as httpRequest, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";
import { installPeerAddressHeader, PEER_ADDRESS_HEADER } from "@/server/auth/peer-address";
import { clientIp } from "@/server/auth/throttle";

/*
 * Finding 4: the per-IP login limit trusted X-Forwarded-For from anyone — changing the header escaped
 * the lock, and anyone could lock a chosen address. Now: the socket's address, unless TRUST_PROXY_HOPS.
 */

installPeerAddressHeader();
afterEach(() => vi.unstubAllEnvs());

/** What a handler behind the patched server sees for a request with these headers. */
async function headersSeenBy(sent: Record<string, string>): Promise<Headers> {
  const server = createServer((req, res) => {
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify(req.headers));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  try {
    const body = await new Promise<string>((resolve, reject) => {
      const req = httpRequest({ host: "127.0.0.1", port, path: "/", headers: sent }, (res) => {
        let text = "";
        res.on("data", (chunk: Buffer) => (text += chunk.toString()));
        res.on("end", () => resolve(text));
      });
      req.on("error", reject);
      req.end();
    });
    return new Headers(JSON.parse(body) as Record<string, string>);
  } finally {
    server.close();
  }
}

describe("the client's address for the login limit", () => {
  it("is the socket's address, whatever X-Forwarded-For or a forged peer header say", async () => {
    const seen = await headersSeenBy({ "x-forwarded-for": "198.51.100.7", [PEER_ADDRESS_HEADER]: "203.0.113.66" });
    expect(clientIp(seen, 0)).toBe("127.0.0.1");
    const other = await headersSeenBy({ "x-forwarded-for": "1.2.3.4, 5.6.7.8" });
    expect(clientIp(other, 0)).toBe("127.0.0.1");
  });

  it("behind n trusted proxies, is the address the outermost one saw; entries further left are ignored", async () => {
    const seen = await headersSeenBy({ "x-forwarded-for": "6.6.6.6, 198.51.100.7" });
    expect(clientIp(seen, 1)).toBe("198.51.100.7");
    expect(clientIp(seen, 2)).toBe("6.6.6.6");
    // Fewer entries than hops: the left-most there is.
    expect(clientIp(await headersSeenBy({}), 3)).toBe("127.0.0.1");
  });

  it("reads TRUST_PROXY_HOPS, and anything but a small whole number means 0", async () => {
    const seen = await headersSeenBy({ "x-forwarded-for": "6.6.6.6, 198.51.100.7" });
    vi.stubEnv("TRUST_PROXY_HOPS", undefined);
    expect(clientIp(seen)).toBe("127.0.0.1");
    vi.stubEnv("TRUST_PROXY_HOPS", "2");
    expect(clientIp(seen)).toBe("6.6.6.6");
    for (const bad of ["-1", "1.5", "x", "99"]) {
      vi.stubEnv("TRUST_PROXY_HOPS", bad);
      expect(clientIp(seen)).toBe("127.0.0.1");
    }
  });

  it("is unknown (no per-IP counter) when no socket address was stamped", () => {
    expect(clientIp(new Headers({ "x-forwarded-for": "198.51.100.7" }), 0)).toBeNull();
  });
});
