// One lint configuration for the monorepo. Besides the recommended rules it guards the walls of the
// architecture (../shared/design/architecture.md): pure domain rules, a model library without data
// access, and a web app and workers that never import each other.
import js from "@eslint/js";
import globals from "globals";
import tseslint from "typescript-eslint";

const restrict = (patterns, message) => ({
  "no-restricted-imports": ["error", { patterns: patterns.map((group) => ({ group: [group], message })) }],
});

export default tseslint.config(
  {
    ignores: ["**/node_modules/**", "**/.next/**", "**/dist/**", "**/generated/**", "**/coverage/**", "**/test-results/**", "**/playwright-report/**", "models/**", "**/next-env.d.ts", "apps/web/public/**"],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "no-console": "off",
    },
  },
  {
    files: ["apps/web/src/**/*.{ts,tsx}"],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: restrict(["**/workers/**", "@basegun/worker-*"], "the web app never imports worker code: talk through the queue"),
  },
  {
    files: ["packages/domain/src/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ regex: "^(?!\\.{1,2}/)", message: "packages/domain is pure: it imports only its own files" }] }],
    },
  },
  {
    files: ["packages/ml/src/**/*.ts"],
    rules: restrict(["@basegun/db", "@basegun/api", "@basegun/auth", "@basegun/queue"], "packages/ml is a library of models: no database, API, auth or queue"),
  },
  {
    files: ["workers/**/*.ts"],
    rules: restrict(["**/apps/web/**", "@basegun/web"], "workers never import the web app"),
  },
);
