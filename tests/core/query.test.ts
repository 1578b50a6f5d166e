/**
 * Queries built with Kysely run synchronously on better-sqlite3 (electron/core/db/query.ts):
 * typed by the schema, inside IMMEDIATE write transactions, each statement prepared once per
 * connection; and the repos keep no casts of rows and no statements of their own.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, expectTypeOf, it, vi } from 'vitest';
import type { Core } from '../../electron/core/createCore.ts';
import { all, build, first, iterate, prepare, run } from '../../electron/core/db/query.ts';
import { openCore, tempDir } from '../helpers/core.ts';

const root = path.resolve(import.meta.dirname, '../..');
let core: Core | undefined;

afterEach(async () => {
  vi.restoreAllMocks();
  await core?.close();
  core = undefined;
});

async function freshCore(): Promise<Core> {
  core = await openCore(path.join(tempDir(), 'query.db'));
  return core;
}

describe('queries built with Kysely, run on better-sqlite3', () => {
  it('returns rows typed by the schema, synchronously, inside a write transaction that rolls back as a whole', async () => {
    const { conn } = await freshCore();
    const { sqlite } = conn;
    const setting = (key: string) => first(sqlite, build.selectFrom('setting').selectAll().where('key', '=', key));

    conn.writeTransaction(() => {
      run(sqlite, build.insertInto('setting').values({ key: 'a', value: '"一"' }));
      // Read back in the same transaction, before it commits: no await anywhere.
      expect(setting('a')).toEqual({ key: 'a', value: '"一"' });
    })();
    expect(() =>
      conn.writeTransaction(() => {
        run(sqlite, build.insertInto('setting').values({ key: 'b', value: '"二"' }));
        throw new Error('中途失败');
      })(),
    ).toThrow('中途失败');
    expect(setting('b')).toBeUndefined();

    const rows = all(sqlite, build.selectFrom('dict_entry').select(['dict', 'sort_order']).where('dict', '=', 'grade').orderBy('sort_order'));
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.map((r) => r.sort_order)).toEqual(rows.map((_, i) => i));
    // The row types come from db/schema.ts through Kysely's inference (checked by `npm run typecheck`).
    expectTypeOf(rows).toEqualTypeOf<{ dict: string; sort_order: number }[]>();
    expectTypeOf(setting('a')).toEqualTypeOf<{ key: string; value: string } | undefined>();
    const changed = run(sqlite, build.updateTable('setting').set({ value: '"三"' }).where('key', '=', 'a'));
    expect(changed.changes).toBe(1);
  });

  it('prepares a statement once per SQL text on a connection, whatever the values', async () => {
    const { sqlite } = (await freshCore()).conn;
    const prepareSpy = vi.spyOn(sqlite, 'prepare');
    const labelOf = (code: string) => first(sqlite, build.selectFrom('dict_entry').select('label').where('dict', '=', 'grade').where('code', '=', code));
    const codes = all(sqlite, build.selectFrom('dict_entry').select('code').where('dict', '=', 'grade')).map((r) => r.code);
    expect(codes.length).toBeGreaterThan(2);
    const before = prepareSpy.mock.calls.length;
    const labels = codes.map(labelOf);
    expect(labels.every((l) => l !== undefined && l.label.length > 0)).toBe(true);
    // One new statement for the lookup, however many codes were looked up.
    expect(prepareSpy.mock.calls.length - before).toBe(1);
    codes.map(labelOf);
    expect(prepareSpy.mock.calls.length - before).toBe(1);
  });

  it('runs a query again while the same query is still being iterated', async () => {
    const { sqlite } = (await freshCore()).conn;
    const entries = build.selectFrom('dict_entry').select(['dict', 'code']).orderBy('dict').orderBy('code');
    const whole = all(sqlite, entries);
    const seen: string[] = [];
    for (const e of iterate(sqlite, entries)) {
      // The cached statement is busy with the loop: this one gets its own.
      if (seen.length === 0) expect(all(sqlite, entries)).toEqual(whole);
      seen.push(`${e.dict}/${e.code}`);
    }
    expect(seen).toEqual(whole.map((e) => `${e.dict}/${e.code}`));
  });

  it('compiles a prepared query once and binds each call its own values, keeping the values written into it', async () => {
    const { sqlite } = (await freshCore()).conn;
    const grades = all(sqlite, build.selectFrom('dict_entry').select(['code', 'label']).where('dict', '=', 'grade'));
    const prepareSpy = vi.spyOn(sqlite, 'prepare');
    const buildSpy = vi.spyOn(build, 'selectFrom');
    const byLabel = prepare(sqlite, (p: { label: string }) => build.selectFrom('dict_entry').select('code').where('dict', '=', 'grade').where('label', '=', p.label));
    for (const g of grades) expect(byLabel.first({ label: g.label })).toEqual({ code: g.code });
    expect(byLabel.all({ label: '没有这个等次' })).toEqual([]);
    // Built (and compiled) once, prepared once, run for every label.
    expect(buildSpy).toHaveBeenCalledTimes(1);
    expect(prepareSpy).toHaveBeenCalledTimes(1);

    const rename = prepare(sqlite, (p: { value: string; key: string }) => build.insertInto('setting').values({ key: p.key, value: p.value }));
    rename.run({ key: 'x', value: '"甲"' });
    rename.run({ key: 'y', value: '"乙"' });
    expect(all(sqlite, build.selectFrom('setting').selectAll().where('key', 'in', ['x', 'y']).orderBy('key'))).toEqual([
      { key: 'x', value: '"甲"' },
      { key: 'y', value: '"乙"' },
    ]);
  });
});

/** Where a query's rows are cast by hand: `.get(…) as X`, `.all(…) as X`, `.iterate(…) as X`. */
function rowCasts(source: string): string[] {
  const found: string[] = [];
  for (const m of source.matchAll(/\.(get|all|iterate)\(/g)) {
    let depth = 1;
    let i = m.index + m[0].length;
    for (; i < source.length && depth > 0; i++) {
      if (source[i] === '(') depth++;
      else if (source[i] === ')') depth--;
    }
    const after = /^\s*\)?\s*as\s+\S+/.exec(source.slice(i));
    if (after) found.push(`${m[0]}…)${after[0]}`.replace(/\s+/g, ' '));
  }
  return found;
}

describe('the repos', () => {
  // Undo's repos (the audit log, change sets, and the stored rows of any table an undo
  // writes) were being rewritten while the others moved to db/query.ts; they follow later.
  const notYet = new Set(['audit.ts', 'changeSets.ts', 'rows.ts']);
  const repos = fs.readdirSync(path.join(root, 'electron/core/repos')).filter((f) => f.endsWith('.ts') && !notYet.has(f));

  it('cast no rows of a query by hand and prepare no statements of their own', () => {
    expect(repos.length).toBeGreaterThan(10);
    const found = repos.flatMap((f) => {
      const source = fs.readFileSync(path.join(root, 'electron/core/repos', f), 'utf8');
      return [...rowCasts(source), ...(source.match(/\.prepare(<[^>]*>)?\(/g) ?? [])].map((what) => `${f}: ${what}`);
    });
    expect(found).toEqual([]);
  });

  it('are checked by a scan that finds a cast row and a statement prepared by hand', () => {
    expect(rowCasts("return sqlite.prepare('SELECT 1').get(id, f(x)) as { n: number };")).toEqual(['.get(…) as {']);
    expect(rowCasts('const rows = stmt.all(\n  a,\n  b,\n) as never;')).toEqual(['.all(…) as never;']);
    expect(rowCasts('return first(sqlite, q)?.path ?? null;')).toEqual([]);
  });
});
