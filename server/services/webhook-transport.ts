import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import http from "node:http";
import https from "node:https";
import net, { BlockList } from "node:net";

/*
 * The one way a webhook leaves Mobilo. A subscriber chooses the URL, so a delivery must not become a
 * way into the network Mobilo runs in (server-side request forgery): the address every connection
 * actually goes to — after DNS, at connect time, so a name that resolves to a public address when the
 * webhook is created and to 127.0.0.1 at delivery (DNS rebinding) is still refused — must be a public
 * unicast address. Loopback, private (RFC 1918, unique local), link-local (the cloud metadata
 * service at 169.254.169.254), carrier-grade NAT, documentation, benchmarking, multicast and reserved
 * ranges are refused. Set WEBHOOK_ALLOW_PRIVATE_NETWORKS=true only where the receivers are inside the
 * same network on purpose (an intranet installation; the tests' receiver on 127.0.0.1).
 */

const refused = new BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8], ["10.0.0.0", 8], ["100.64.0.0", 10], ["127.0.0.0", 8], ["169.254.0.0", 16], ["172.16.0.0", 12],
  ["192.0.0.0", 24], ["192.0.2.0", 24], ["192.88.99.0", 24], ["192.168.0.0", 16], ["198.18.0.0", 15], ["198.51.100.0", 24],
  ["203.0.113.0", 24], ["224.0.0.0", 4], ["240.0.0.0", 4],
] as const) {
  refused.addSubnet(network, prefix, "ipv4");
}
for (const [network, prefix] of [
  ["::", 128], ["::1", 128], ["64:ff9b::", 96], ["64:ff9b:1::", 48], ["100::", 64], ["2001::", 23], ["2001:db8::", 32],
  ["2002::", 16], ["fc00::", 7], ["fe80::", 10], ["ff00::", 8],
] as const) {
  refused.addSubnet(network, prefix, "ipv6");
}

/** Whether `address` (an IP literal) is a public unicast address a webhook may be delivered to. */
export function isPublicAddress(address: string): boolean {
  const family = net.isIP(address);
  if (family === 0) return false;
  if (family === 6) {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
    if (mapped?.[1]) return isPublicAddress(mapped[1]);
    return !refused.check(address, "ipv6");
  }
  return !refused.check(address, "ipv4");
}

export class WebhookAddressRefused extends Error {
  constructor(host: string, address: string) {
    super(`address not allowed: ${host} is ${address}, not a public address`);
    this.name = "WebhookAddressRefused";
  }
}

type TLookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** dns.lookup that refuses non-public answers: net.connect calls it for every connection. */
function guardedLookup(hostname: string, options: { all?: boolean; family?: number | string }, callback: TLookupCallback): void {
  dnsLookup(hostname, { ...options, all: true } as { all: true }, (error, addresses) => {
    if (error) return callback(error, options.all ? [] : "");
    const bad = addresses.find((entry) => !isPublicAddress(entry.address));
    if (bad) return callback(new WebhookAddressRefused(hostname, bad.address) as NodeJS.ErrnoException, options.all ? [] : "");
    if (options.all) return callback(null, addresses);
    const first = addresses[0];
    if (!first) return callback(Object.assign(new Error(`no address for ${hostname}`), { code: "ENOTFOUND" }), "");
    return callback(null, first.address, first.family);
  });
}

export interface TPostResult {
  status: number;
}

/**
 * POSTs `body` to `url` (no redirects followed, answer body discarded) within `timeoutMs`. Rejects
 * with WebhookAddressRefused when the target is not public and `allowPrivateNetworks` is false.
 */
export function postWebhook(
  url: string,
  headers: Record<string, string>,
  body: string,
  options: { timeoutMs: number; allowPrivateNetworks: boolean },
): Promise<TPostResult> {
  const target = new URL(url);
  const literal = target.hostname.replace(/^\[(.*)\]$/, "$1");
  if (!options.allowPrivateNetworks && net.isIP(literal) !== 0 && !isPublicAddress(literal)) {
    return Promise.reject(new WebhookAddressRefused(literal, literal));
  }
  const transport = target.protocol === "https:" ? https : http;
  return new Promise<TPostResult>((resolve, reject) => {
    const request = transport.request(
      target,
      {
        method: "POST",
        headers: { ...headers, "Content-Length": String(Buffer.byteLength(body)) },
        ...(options.allowPrivateNetworks ? {} : { lookup: guardedLookup as unknown as typeof dnsLookup }),
      },
      (response) => {
        response.resume();
        response.on("end", () => {
          clearTimeout(deadline);
          resolve({ status: response.statusCode ?? 0 });
        });
        response.on("error", reject);
      },
    );
    // One deadline for the whole delivery (connect, send, answer), not a per-read idle timeout.
    const deadline = setTimeout(() => request.destroy(Object.assign(new Error("timeout"), { name: "TimeoutError" })), options.timeoutMs);
    request.on("error", (error) => {
      clearTimeout(deadline);
      reject(error);
    });
    request.end(body);
  });
}
