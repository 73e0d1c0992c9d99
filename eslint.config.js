// Lint: the recommended JS rules and typescript-eslint's type-aware recommended set (floating and misused
// promises among them), run with the project's tsconfig; warnings are fixed, not silenced.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/**', 'data/**', 'coverage/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': ['error', { allow: ['error'] }],
      // Off on purpose: an `async` method without `await` is how a promise-returning contract (TsdbAdapter,
      // Fastify's async plugins and hooks) turns a synchronous throw into the rejection its callers expect.
      '@typescript-eslint/require-await': 'off',
    },
  },
  // This file is plain JavaScript outside the TypeScript project: no type information to lint with.
  { files: ['**/*.js'], ...tseslint.configs.disableTypeChecked },
  {
    files: ['test/**', 'support/**', 'bench/**', 'src/auth/token-cli.ts', 'src/server.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['test/**', 'support/**', 'bench/**/*.test.ts'],
    // vitest types its asymmetric matchers (expect.any, expect.stringMatching, ...) as `any`, by design, and
    // they are the point of the assertions they sit in; everything else in tests is held to the same rules.
    rules: { '@typescript-eslint/no-unsafe-assignment': 'off' },
  },
  {
    // The admin page runs in the browser as plain ES modules (no build step).
    files: ['src/ui/public/**/*.js'],
    languageOptions: {
      globals: Object.fromEntries(
        ['document', 'location', 'sessionStorage', 'fetch', 'btoa', 'TextEncoder', 'ResizeObserver', 'addEventListener', 'removeEventListener', 'setTimeout', 'clearTimeout', 'URLSearchParams'].map((g) => [g, 'readonly']),
      ),
    },
  },
);
