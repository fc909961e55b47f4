import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";

export default tseslint.config(
  { ignores: ["build/", ".builds/", "public/build/", ".cache/", "node_modules/", "data/", "tests/.tmp/", "test-results/", "playwright-report/", "app/i18n/strings/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { "react-hooks": reactHooks },
    rules: {
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "warn",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-empty-pattern": "off",
    },
  },
  { files: ["tests/**"], rules: { "react-hooks/rules-of-hooks": "off" } },
  { files: ["remix.config.js"], languageOptions: { globals: { process: "readonly" } } },
  { files: ["**/*.cjs"], languageOptions: { sourceType: "commonjs", globals: { module: "writable", require: "readonly" } } },
  {
    // Route modules are bundled for the browser: server code must come through *.server.ts files.
    files: ["app/routes/**/*.tsx", "app/components/**/*.tsx", "app/root.tsx"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["**/db/*", "drizzle-orm", "drizzle-orm/*", "zod", "postgres", "@electric-sql/*"], message: "Import server code from a *.server.ts module." }] },
      ],
    },
  },
);
