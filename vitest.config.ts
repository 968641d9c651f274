import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL(".", import.meta.url));

export default defineConfig({
  resolve: {
    alias: [
      { find: /^@\//, replacement: `${root}` },
      // `server-only` throws outside a React Server environment; in tests it is a no-op.
      { find: /^server-only$/, replacement: `${root}tests/helpers/empty-module.ts` },
    ],
  },
  test: {
    include: ["tests/unit/**/*.test.ts", "tests/server/**/*.test.ts"],
    globalSetup: ["tests/helpers/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    // The webhook tests' receiver listens on 127.0.0.1; the refusal of such addresses is tested explicitly.
    env: { WEBHOOK_ALLOW_PRIVATE_NETWORKS: "true" },
    coverage: {
      provider: "v8",
      include: ["server/rules/**/*.ts"],
      thresholds: { "server/rules/**/*.ts": { branches: 100, functions: 100, lines: 100, statements: 100 } },
    },
  },
});
