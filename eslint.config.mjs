import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [".next/**", ".next-*/**", "node_modules/**", ".data/**", "coverage/**", "test-results/**", "playwright-report/**", "next-env.d.ts", "db/migrations/**"],
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
    },
  },
  {
    // Route handlers go through the one door (server/api/route-handler.ts): the tRPC caller, never the
    // database or a service directly (docs/architecture.md, "Route handlers").
    files: ["app/api/**/*.ts"],
    ignores: ["app/api/trpc/**", "app/api/auth/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["@/db", "@/db/*"], message: "Route handlers use the caller of server/api/route-handler.ts, not the database." },
            { group: ["@/server/services/*"], message: "Route handlers use the caller of server/api/route-handler.ts, not services." },
          ],
        },
      ],
    },
  },
  {
    // Server code logs through server/log.ts (request id, actor, personal data redacted), never the console.
    files: ["server/**/*.ts", "db/**/*.ts", "instrumentation.ts", "proxy.ts", "app/api/**/*.ts"],
    rules: { "no-console": "error" },
  },
];

export default config;
