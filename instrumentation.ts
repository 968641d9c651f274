/*
 * Runs once when the server starts (not during `next build`): prepares the database, or logs why it
 * cannot and exits non-zero (server/startup.ts).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { prepareOrExit } = await import("./server/startup");
  await prepareOrExit();
}
