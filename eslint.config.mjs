import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'out/', '.e2e-tools/', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', __dirname: 'readonly', require: 'readonly', module: 'writable', setTimeout: 'readonly', clearTimeout: 'readonly', URL: 'readonly', Buffer: 'readonly' } },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // A spread argument passes every element on the stack: past ~100,000 (findings of a big file) it throws.
    files: ['server/**/*.ts', 'client/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: 'CallExpression > SpreadElement', message: 'No spread arguments: an unbounded array overflows the stack. Use pushAll() or a loop.' },
        { selector: 'NewExpression > SpreadElement', message: 'No spread arguments: an unbounded array overflows the stack. Use a loop.' },
      ],
    },
  },
  {
    // The model, the checks and the editor features must stay free of LSP types (DESIGN.md).
    files: ['server/src/zuul/**/*.ts', 'server/src/checks/**/*.ts', 'server/src/features/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['vscode-languageserver*', 'vscode'] }],
    },
  },
  {
    // The wire protocol is imported by the server, the extension and the browser page alike: nothing from outside it (its own files may use one another).
    files: ['protocol/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: 'ImportDeclaration[source.value!=/^\\.\\/[\\w-]+$/]', message: 'protocol/ holds types and string constants only and imports nothing from outside it: the webview bundle imports it too.' },
        { selector: 'ExportAllDeclaration[source.value!=/^\\.\\/[\\w-]+$/], ExportNamedDeclaration[source][source.value!=/^\\.\\/[\\w-]+$/]', message: 'protocol/ re-exports only its own files.' },
        { selector: 'ImportExpression, TSImportType', message: 'protocol/ imports nothing.' },
      ],
    },
  },
);
