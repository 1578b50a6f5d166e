/**
 * The layering rules fire: a deliberate violation per rule, linted as if it lived
 * in that folder, and a shared/ file reaching for the DOM failing typecheck.
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

  it('shared/ has no DOM and no Node globals at typecheck', async () => {
    const fixtureDir = path.join(root, 'shared', '.layer-fixture');
    fs.mkdirSync(fixtureDir, { recursive: true });
    fs.writeFileSync(path.join(fixtureDir, 'bad.ts'), 'export const a = document.title;\nexport const b = process.cwd();\n');
    fs.writeFileSync(
      path.join(fixtureDir, 'tsconfig.json'),
      JSON.stringify({ extends: '../tsconfig.json', include: ['./bad.ts'] }),
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
