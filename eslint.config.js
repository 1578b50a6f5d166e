// The layering of docs/architecture.md ("Layers and the rules that keep them"), enforced on
// what each file may reach (tsconfig enforces the same on globals: no DOM in shared/core, no
// Node in renderer/shared). tests/core/layers.test.ts proves each rule fires on a violation.
import tseslint from 'typescript-eslint';

// ---- Path rules: a regex on the specifier as written, and why it is refused.
// Static imports and re-exports are checked by no-restricted-imports; import(), require() and
// `import('…')` types by no-restricted-syntax with the same regex (see `layer` below).

const nodeBuiltins = ['fs', 'path', 'os', 'child_process', 'crypto', 'http', 'https', 'net', 'url', 'util', 'stream', 'worker_threads', 'zlib', 'buffer', 'events'];
const nodeModules = { regex: `^(node:|(${nodeBuiltins.join('|')})(/|$))`, message: '此层不能使用 Node 模块（Node APIs are not allowed in this layer).' };
const electronModule = { regex: '^electron(/|$)', message: 'Only electron/main and electron/preload may import electron.' };
const database = { regex: '^(better-sqlite3|kysely)(/|$)', message: '数据库只在 electron/core 中使用（only the core touches the database).' };
// A relative path that passes through one of these folders.
const into = (folders) => `^\\.{1,2}/(.*/)?(${folders})/`;

const coreStaysInside = { regex: into('main|preload|renderer'), message: 'core must not import main, preload or renderer.' };
const dataLayerLooksDown = {
  regex: `${into('services|http|cli')}|^\\.{1,2}/(.*/)?(handlers|createCore)\\.ts$`,
  message: 'repos/ 与 db/ 不引用其上的服务层（repos and db never import services, handlers, http or cli).',
};
// The window's process creates the core and relays to it; it does not run use cases itself.
const mainUsesCoreEntry = [
  { regex: `^\\.{1,2}/(.*/)?core/(?!(createCore|config|fileName)\\.ts$|http/harness\\.ts$)`, message: 'electron/main 只经 createCore（及 config、fileName、CSP）使用核心（main reaches the core through createCore only).' },
  { regex: into('renderer|preload'), message: 'electron/main must not import renderer or preload code.' },
  database,
];
// The core's own process and its client in the window's process (electron/core-host): plain Node,
// reaching the core through createCore as main did (the utilityProcess side is electron/main/coreProcess.ts).
const coreHostUsesCoreEntry = [
  electronModule,
  { regex: `^\\.{1,2}/(.*/)?core/(?!(createCore|config|events)\\.ts$)`, message: 'electron/core-host 只经 createCore（及 config、events）使用核心（the core host reaches the core through createCore only).' },
  { regex: into('main|preload|renderer'), message: 'electron/core-host must not import main, preload or renderer.' },
  database,
];
// The sandboxed preload's require knows only electron: it exposes the bridge, checked against the contract.
const preloadIsBridge = { regex: '^(?!electron$|\\./|(\\.\\./)+shared/)', message: 'preload 只能引用 electron 与 shared/（the sandboxed preload imports only electron and shared/).' };
const rendererUsesClient = [
  { regex: into('electron'), message: 'renderer imports only shared/ and its own files; it reaches the core through the api client.' },
  database,
];
const sharedIsPlain = [
  { regex: into('electron|renderer'), message: 'shared is plain TypeScript: no DOM, no Node, no Electron, no UI.' },
  { regex: '^(react|react-dom|antd|better-sqlite3|kysely)(/|$)|^(@ant-design|@ag-grid-community)/|^ag-grid-', message: 'shared is plain TypeScript: no DOM, no Node, no Electron, no UI.' },
];

// ---- Syntax rules.

// Write transactions begin IMMEDIATE so a second writer waits its turn: conn.writeTransaction,
// never better-sqlite3's own (DEFERRED) transaction. See electron/core/db/transaction.ts.
const immediateTransactions = {
  selector: "CallExpression[callee.type='MemberExpression'][callee.property.name='transaction']",
  message: '写事务请用 conn.writeTransaction(…)（以 IMMEDIATE 开始，另一个写入者会等待）(use conn.writeTransaction).',
};

// Services hand the connection (ctx.conn.sqlite / ctx.conn.db) to repo functions; they never call it.
// Caught: a call on the handle itself, better-sqlite3's and Kysely's query methods on anything,
// exec() of SQL text (a RegExp's exec takes a variable), and Kysely's `sql` tag.
const queryMethods = 'prepare|pragma|selectFrom|insertInto|replaceInto|updateTable|deleteFrom|mergeInto|executeQuery';
const queryCalls = [
  `[callee.property.name=/^(${queryMethods})$/]`,
  '[callee.object.property.name=/^(sqlite|db)$/]',
  '[callee.object.name=/^(sqlite|db)$/]',
  "[callee.object.name='sql']",
  "[callee.property.name='exec'][arguments.0.type=/^(Literal|TemplateLiteral)$/]:not([callee.object.regex])",
];
const queriesOnlyInRepos = {
  selector: `CallExpression:matches(${queryCalls.join(', ')}), TaggedTemplateExpression[tag.name='sql']`,
  message: 'SQL 只写在 electron/core/repos/ 中：请在 repo 中加一个函数（queries live in repos/; services pass ctx.conn to a repo function).',
};

// A computed path would slip past every path rule.
const literalSpecifiers = {
  selector: "ImportExpression:not([source.type='Literal']), CallExpression[callee.name='require']:not([arguments.0.type='Literal'])",
  message: 'import() 与 require() 的路径须是字面量，分层规则才能检查（use a literal path so the layer rules can check it).',
};

/** One layer: its files, the paths they may not reach (statically or dynamically), and its syntax rules. */
function layer({ files, ignores = [], imports, syntax = [] }) {
  const dynamic = imports.map(({ regex, message }) => {
    const r = `/${regex.replaceAll('/', '\\/')}/`;
    return {
      selector: `ImportExpression[source.value=${r}], CallExpression[callee.name='require'][arguments.0.value=${r}], TSImportType[source.value=${r}]`,
      message,
    };
  });
  return {
    files,
    ignores,
    rules: {
      'no-restricted-imports': ['error', { patterns: imports.map(({ regex, message }) => ({ regex, message, caseSensitive: true })) }],
      'no-restricted-syntax': ['error', literalSpecifiers, ...dynamic, ...syntax],
    },
  };
}

// Each source file falls under exactly one entry: a rule's options are not merged across
// entries (a later match replaces an earlier one), so nested folders get their own entry.
const core = ['ts', 'cts', 'mjs', 'cjs'].map((ext) => `electron/core/**/*.${ext}`);
const dataLayer = ['electron/core/repos/**', 'electron/core/db/**'];
export const layerRules = [
  layer({ files: core, ignores: dataLayer, imports: [electronModule, coreStaysInside], syntax: [immediateTransactions, queriesOnlyInRepos] }),
  layer({ files: dataLayer.map((d) => `${d}/*.ts`), ignores: ['electron/core/db/transaction.ts'], imports: [electronModule, coreStaysInside, dataLayerLooksDown], syntax: [immediateTransactions] }),
  layer({ files: ['electron/core/db/transaction.ts'], imports: [electronModule, coreStaysInside, dataLayerLooksDown] }),
  layer({ files: ['electron/main/**/*.ts'], imports: mainUsesCoreEntry }),
  layer({ files: ['electron/preload/**/*.ts'], imports: [preloadIsBridge] }),
  layer({ files: ['electron/core-host/**/*.ts'], imports: coreHostUsesCoreEntry }),
  layer({ files: ['renderer/**/*.ts', 'renderer/**/*.tsx'], imports: [nodeModules, electronModule, ...rendererUsesClient] }),
  layer({ files: ['shared/**/*.ts'], imports: [nodeModules, electronModule, ...sharedIsPlain] }),
];

export default tseslint.config(
  // Build outputs (vite, esbuild, electron-builder).
  { ignores: ['dist/**', 'release/**'] },
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
);
