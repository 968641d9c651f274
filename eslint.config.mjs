import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

/** The school roles' names (server/schemas/members.ts), as an esquery regular expression. */
const ROLE_NAME = "/^(coordinator|teacher|headteacher|school_admin)$/";

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
    // The layers (docs/architecture.md, "Layers"): each imports only what is below it. Paths are
    // resolved, so relative imports count as much as "@/…" ones.
    files: ["**/*.ts", "**/*.tsx"],
    rules: {
      "import/no-restricted-paths": [
        "error",
        {
          zones: [
            {
              target: "./server/rules",
              from: ["./db", "./server/services", "./server/api", "./server/auth", "./server/storage", "./app", "./components"],
              message: "server/rules is the pure rules engine: no database, services, API, app or components.",
            },
            {
              target: "./server/services",
              from: ["./server/api", "./app", "./components"],
              message: "Services are called by the API; they never import it, the app or components.",
            },
            {
              target: "./components",
              from: ["./db", "./server/services"],
              message: "Components get data through tRPC (types: server/schemas or components/trpc/types.ts), never from the database or services.",
            },
            {
              target: "./db",
              from: ["./server/services", "./server/api", "./app", "./components", "./scripts"],
              message: "The data layer knows no business code (the demo seed lives in scripts/).",
            },
            {
              target: "./server",
              from: ["./components", "./app"],
              message: "Server code never imports UI; code both sides share lives in lib/.",
            },
          ],
        },
      ],
    },
  },
  {
    // Who may do what is lib/capabilities.ts (`can(role, capability)`, `orgProcedure("…")`): nothing else
    // decides by comparing a role with a role's name or listing roles (docs/architecture.md, "Roles").
    files: ["app/**/*.ts", "app/**/*.tsx", "components/**/*.ts", "components/**/*.tsx", "server/**/*.ts", "lib/**/*.ts"],
    // server/schemas/members.ts is the vocabulary of roles itself.
    ignores: ["lib/capabilities.ts", "server/schemas/members.ts"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector: `BinaryExpression[operator=/^[!=]==?$/] > Literal[value=${ROLE_NAME}]`,
          message: "Ask lib/capabilities.ts (`can(role, \"…\")`) instead of comparing with a role's name.",
        },
        {
          selector: `ArrayExpression > Literal[value=${ROLE_NAME}]`,
          message: "Lists of roles live in lib/capabilities.ts: give the role a capability and ask `can(role, \"…\")`.",
        },
        {
          selector: "CallExpression[callee.property.name='includes'] > :matches(Identifier[name='role'], MemberExpression[property.name='role'])",
          message: "Ask lib/capabilities.ts (`can(role, \"…\")`) instead of looking the role up in a list.",
        },
      ],
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
