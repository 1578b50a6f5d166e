/**
 * The layering rules fire: a deliberate violation per rule, linted as if it lived
 * in that folder, and a shared/ file reaching for the DOM failing typecheck.
 * The rules and why: docs/architecture.md.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const eslint = new ESLint({ cwd: root });

async function restrictedImports(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, filePath) });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

/** What the layer rules say of `code` placed at `filePath`, static and dynamic imports and syntax alike. */
async function refused(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, filePath) });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-syntax').map((m) => m.message);
}

describe('layer rules', () => {
  it('core may not import electron', async () => {
    expect(await restrictedImports("import { app } from 'electron';\nexport const x = app;\n", 'electron/core/services/bad.ts')).not.toEqual([]);
  });

  it('renderer may not import Node, electron, or the core', async () => {
    expect(await restrictedImports("import fs from 'node:fs';\nexport const x = fs;\n", 'renderer/src/bad.ts')).not.toEqual([]);
    expect(await restrictedImports("import { createCore } from '../../electron/core/createCore.ts';\nexport const x = createCore;\n", 'renderer/src/bad.ts')).not.toEqual([]);
  });

  it('shared may not import Node or UI', async () => {
    expect(await restrictedImports("import path from 'path';\nexport const x = path;\n", 'shared/domain/bad.ts')).not.toEqual([]);
    expect(await restrictedImports("import React from 'react';\nexport const x = React;\n", 'shared/domain/bad.ts')).not.toEqual([]);
  });

  it('allows what each layer may do', async () => {
    expect(await restrictedImports("import fs from 'node:fs';\nexport const x = fs;\n", 'electron/core/services/ok.ts')).toEqual([]);
    expect(await restrictedImports("import { methods } from '../../shared/contract/methods.ts';\nexport const x = methods;\n", 'renderer/src/ok.ts')).toEqual([]);
  });

  it('core writes in transactions that begin IMMEDIATE only', async () => {
    const lint = async (code: string, filePath: string) => {
      const [result] = await eslint.lintText(code, { filePath: path.join(root, filePath) });
      return result!.messages.filter((m) => m.ruleId === 'no-restricted-syntax').map((m) => m.message);
    };
    const deferred = "import type { Connection } from '../db/connection.ts';\nexport const f = (c: Connection) => c.sqlite.transaction(() => 1)();\n";
    expect(await lint(deferred, 'electron/core/services/bad.ts')).not.toEqual([]);
    const immediate = "import type { Connection } from '../db/connection.ts';\nexport const f = (c: Connection) => c.writeTransaction(() => 1)();\n";
    expect(await lint(immediate, 'electron/core/services/ok.ts')).toEqual([]);
  });

  it('dynamic import(), require() and import() types obey the same path rules', async () => {
    const renderer = 'renderer/src/bad.ts';
    expect(await refused("export const load = () => import('../../electron/core/createCore.ts');\n", renderer)).not.toEqual([]);
    expect(await refused("export const load = () => require('../../electron/core/createCore.ts');\n", renderer)).not.toEqual([]);
    expect(await refused("export type Core = typeof import('../../electron/core/createCore.ts');\n", renderer)).not.toEqual([]);
    expect(await refused("export const load = () => import('node:fs');\n", 'shared/domain/bad.ts')).not.toEqual([]);
    expect(await refused("export const load = () => import('electron');\n", 'electron/core/services/bad.ts')).not.toEqual([]);
    // A computed path cannot be checked, so it is refused.
    expect(await refused('export const load = (p: string) => import(p);\n', renderer)).not.toEqual([]);
    expect(await refused("export const load = () => import('./pages/Other.tsx');\n", 'renderer/src/ok.ts')).toEqual([]);
  });

  it('preload imports only electron and shared/', async () => {
    const preload = 'electron/preload/bad.ts';
    expect(await refused("import { createCore } from '../core/createCore.ts';\nexport const x = createCore;\n", preload)).not.toEqual([]);
    expect(await refused("import fs from 'node:fs';\nexport const x = fs;\n", preload)).not.toEqual([]);
    expect(await refused("export const x = () => import('../core/createCore.ts');\n", preload)).not.toEqual([]);
    const bridge = "import { contextBridge } from 'electron';\nimport { isMethodName } from '../../shared/contract/methods.ts';\nexport const x = [contextBridge, isMethodName];\n";
    expect(await refused(bridge, 'electron/preload/ok.ts')).toEqual([]);
  });

  it('main reaches the core through createCore, not its repos or services', async () => {
    const main = 'electron/main/bad.ts';
    expect(await refused("import { getOrg } from '../core/repos/orgs.ts';\nexport const x = getOrg;\n", main)).not.toEqual([]);
    expect(await refused("import { addRecords } from '../core/services/records/add.ts';\nexport const x = addRecords;\n", main)).not.toEqual([]);
    expect(await refused("import Database from 'better-sqlite3';\nexport const x = Database;\n", main)).not.toEqual([]);
    expect(await refused("import { App } from '../../renderer/src/App.tsx';\nexport const x = App;\n", main)).not.toEqual([]);
    const entry = "import { app } from 'electron';\nimport { createCore } from '../core/createCore.ts';\nimport type { ShellHost } from '../core/config.ts';\nexport const x: [unknown, unknown, ShellHost | null] = [app, createCore, null];\n";
    expect(await refused(entry, 'electron/main/ok.ts')).toEqual([]);
  });

  it('the core host (the core’s own process and its client) is plain Node and reaches the core through createCore', async () => {
    const host = 'electron/core-host/bad.ts';
    expect(await refused("import { utilityProcess } from 'electron';\nexport const x = utilityProcess;\n", host)).not.toEqual([]);
    expect(await refused("import { getOrg } from '../core/repos/orgs.ts';\nexport const x = getOrg;\n", host)).not.toEqual([]);
    expect(await refused("import Database from 'better-sqlite3';\nexport const x = Database;\n", host)).not.toEqual([]);
    expect(await refused("import { relayCore } from '../main/relay.ts';\nexport const x = relayCore;\n", host)).not.toEqual([]);
    const entry = "import { fork } from 'node:child_process';\nimport { createCore } from '../core/createCore.ts';\nimport { EventHub } from '../core/events.ts';\nexport const x = [fork, createCore, EventHub];\n";
    expect(await refused(entry, 'electron/core-host/ok.ts')).toEqual([]);
  });

  it('queries are written only in repos/ and db/', async () => {
    const service = 'electron/core/services/bad.ts';
    const ctx = "import type { ServiceContext } from '../context.ts';\n";
    const prepare = `${ctx}export const f = (ctx: ServiceContext) => ctx.conn.sqlite.prepare('DELETE FROM org').run();\n`;
    expect(await refused(prepare, service)).not.toEqual([]);
    expect(await refused(prepare, 'electron/core/repos/ok.ts')).toEqual([]);
    expect(await refused(`${ctx}export const f = (ctx: ServiceContext) => { const s = ctx.conn.sqlite; return s.pragma('user_version'); };\n`, service)).not.toEqual([]);
    expect(await refused(`${ctx}export const f = (ctx: ServiceContext) => ctx.conn.db.deleteFrom('org').execute();\n`, service)).not.toEqual([]);
    expect(await refused(`${ctx}export const f = (ctx: ServiceContext, script: string) => { const { sqlite } = ctx.conn; sqlite.exec(script); };\n`, service)).not.toEqual([]);
    expect(await refused(`${ctx}export const f = (ctx: ServiceContext) => { const handle = ctx.conn.sqlite; handle.exec('DELETE FROM org'); };\n`, service)).not.toEqual([]);
    expect(await refused("import { sql } from 'kysely';\nexport const q = sql`DELETE FROM org`;\n", 'electron/core/excel/bad.ts')).not.toEqual([]);
    expect(await refused(`${ctx}export const f = (ctx: ServiceContext, script: string) => ctx.conn.sqlite.exec(script);\n`, service)).not.toEqual([]);
    expect(await refused("import { sql } from 'kysely';\nexport const q = sql.raw('DELETE FROM org');\n", service)).not.toEqual([]);
    // What services do every day: hand the connection to a repo function, run a RegExp.
    const ok = `${ctx}import { getOrg } from '../repos/orgs.ts';\nexport const f = (ctx: ServiceContext, s: string) => [getOrg(ctx.conn.sqlite, 1), /\\d+/.exec(s), /a/.exec('a')];\n`;
    expect(await refused(ok, 'electron/core/services/ok.ts')).toEqual([]);
  });

  it('repos and db never import services', async () => {
    expect(await refused("import { addRecords } from '../services/records/add.ts';\nexport const x = addRecords;\n", 'electron/core/repos/bad.ts')).not.toEqual([]);
    expect(await refused("export const x = () => import('../services/records/add.ts');\n", 'electron/core/repos/bad.ts')).not.toEqual([]);
    expect(await refused("import { handlers } from '../handlers.ts';\nexport const x = handlers;\n", 'electron/core/db/bad.ts')).not.toEqual([]);
    expect(await refused("import type { Database } from '../db/schema.ts';\nexport type X = Database;\n", 'electron/core/repos/ok.ts')).toEqual([]);
  });

  it('every source file falls under a layer', async () => {
    const unlayered: string[] = [];
    for (const dir of ['shared', 'renderer/src', 'electron']) {
      for (const entry of fs.readdirSync(path.join(root, dir), { recursive: true, encoding: 'utf8' })) {
        if (!/\.(ts|tsx|cts|mjs|cjs)$/.test(entry)) continue;
        const file = path.join(root, dir, entry);
        const config = (await eslint.calculateConfigForFile(file)) as { rules?: Record<string, unknown> } | undefined;
        if (!config?.rules?.['no-restricted-imports']) unlayered.push(path.relative(root, file));
      }
    }
    expect(unlayered).toEqual([]);
  });

  it('shared/ has no DOM and no Node globals at typecheck', async () => {
    const fixtureDir = path.join(root, 'shared', '.layer-fixture');
    fs.mkdirSync(fixtureDir, { recursive: true });
    fs.writeFileSync(path.join(fixtureDir, 'bad.ts'), 'export const a = document.title;\nexport const b = process.cwd();\n');
    fs.writeFileSync(
      path.join(fixtureDir, 'tsconfig.json'),
      // shared's settings, checked only: nothing written beside shared's declarations.
      JSON.stringify({ extends: '../tsconfig.json', compilerOptions: { composite: false, emitDeclarationOnly: false, noEmit: true }, include: ['./bad.ts'] }),
    );
    try {
      const result = await promisify(execFile)(path.join(root, 'node_modules/.bin/tsc'), ['-p', fixtureDir]).then(
        () => '',
        (e: { stdout: string }) => e.stdout,
      );
      expect(result).toMatch(/Cannot find name 'document'/);
      expect(result).toMatch(/Cannot find name 'process'/);
    } finally {
      fs.rmSync(fixtureDir, { recursive: true, force: true });
    }
  });
});
