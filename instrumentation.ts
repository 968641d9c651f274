/*
 * Runs once when the server starts (not during `next build`): prepares the database, or logs why it
 * cannot and exits non-zero (server/startup.ts).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // Before the first request: the per-IP login limit reads the socket's address (server/auth/peer-address.ts).
  const { installPeerAddressHeader } = await import("./server/auth/peer-address");
  installPeerAddressHeader();
  const { prepareOrExit } = await import("./server/startup");
  await prepareOrExit();
}
