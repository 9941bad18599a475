// ESLint for the project's own JavaScript: the session player (browser ES modules) and its
// unit tests (Node). Vendored libraries are someone else's code and are not linted.
// Run: make js (or npx eslint src/spinewise/training/static/spinewise/player
// src/spinewise/training/static/spinewise/logform.js tests/js).
import js from "@eslint/js";
import globals from "globals";

export default [
  { ignores: ["node_modules/", "var/", "src/spinewise/static/vendor/"] },
  js.configs.recommended,
  {
    files: [
      "src/spinewise/training/static/spinewise/player/**/*.js",
      "src/spinewise/training/static/spinewise/logform.js",
      "src/spinewise/static/spinewise/**/*.js",
    ],
    languageOptions: { ecmaVersion: 2022, sourceType: "module", globals: globals.browser },
  },
  {
    files: ["tests/js/**/*.js", "eslint.config.js"],
    languageOptions: { ecmaVersion: 2022, sourceType: "module", globals: globals.node },
  },
];
