// The layering rules of DESIGN.md, enforced on import paths (tsconfig enforces the
// same on globals: no DOM in shared/core, no Node in renderer/shared).
// tests/core/layers.test.ts proves each rule fires on a deliberate violation.
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['fs', 'path', 'os', 'child_process', 'crypto', 'http', 'https', 'net', 'url', 'util', 'stream', 'worker_threads', 'zlib', 'buffer', 'events'];
const nodeImports = [{ group: ['node:*', ...nodeBuiltins.flatMap((m) => [m, `${m}/*`])], message: '此层不能使用 Node 模块（Node APIs are not allowed in this layer).' }];
const electronImport = { group: ['electron', 'electron/*'], message: 'Only electron/main and electron/preload may import electron.' };

export const layerRules = [
  {
    files: ['electron/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        electronImport,
        { group: ['**/main/*', '**/preload/*', '**/renderer/**'], message: 'core must not import main, preload or renderer.' },
      ] }],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        ...nodeImports,
        electronImport,
        { group: ['**/electron/**', 'better-sqlite3', 'kysely'], message: 'renderer imports only shared/ and its own files; it reaches the core through the api client.' },
      ] }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        ...nodeImports,
        electronImport,
        { group: ['**/electron/**', '**/renderer/**', 'react', 'react-dom', 'antd', 'better-sqlite3', 'kysely'], message: 'shared is plain TypeScript: no DOM, no Node, no Electron, no UI.' },
      ] }],
    },
  },
];

export default tseslint.config(
  { ignores: ['.scratch/**', 'dist/**', 'release/**', 'node_modules/**', '.demo/**', 'artifacts/**', 'tests/lint/fixtures/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/ban-ts-comment': ['error', { 'ts-ignore': 'allow-with-description', 'ts-expect-error': 'allow-with-description' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  // CommonJS files exist only where a dependency loads our module with require().
  { files: ['**/*.cjs'], rules: { '@typescript-eslint/no-require-imports': 'off' } },
  ...layerRules,
  // Write transactions begin IMMEDIATE so a second writer waits its turn: conn.writeTransaction,
  // never better-sqlite3's own (DEFERRED) transaction. See electron/core/db/transaction.ts.
  {
    files: ['electron/core/**/*.ts'],
    ignores: ['electron/core/db/transaction.ts'],
    rules: {
      'no-restricted-syntax': ['error', {
        selector: "CallExpression[callee.type='MemberExpression'][callee.property.name='transaction']",
        message: '写事务请用 conn.writeTransaction(…)（以 IMMEDIATE 开始，另一个写入者会等待）(use conn.writeTransaction).',
      }],
    },
  },
);
