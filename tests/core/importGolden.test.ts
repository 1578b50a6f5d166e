/**
 * The import's answers kept as they were (issue 18): for each ledger file of the fixtures, and a
 * returned export edited on both sides (three ways, with conflicts and unreadable cells), the dry
 * run's preview and what its commit writes (ledger rows, units, audit records) fingerprinted and
 * checked against the fingerprints main's import gave before its analysis was reworked for speed.
 * Everything is accepted at the commit (rows with errors, near names, conflicts, clears, new units),
 * so every kind of write is in the fingerprint.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/createCore.ts';
import type { ImportDecisions, ImportPreview } from '../../shared/contract/types.ts';
import { editReturned } from '../../bench/returnedFile.ts';
import { seededCore } from '../helpers/core.ts';

const fixtures = path.resolve(import.meta.dirname, '../fixtures/import');

const hash = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 24);

/** The preview as the window gets it, less what differs from run to run: the session's id, an export's batch id (and so its file's bytes). */
function previewPrint(p: ImportPreview): string {
  const { sessionId: _, file: __, exported, ...rest } = p;
  return hash({ ...rest, exported: exported && { ...exported, batchId: undefined } });
}

/** Accept everything the preview offers: every row of every sheet, every conflict's file value, the clears, each new unit where proposed. */
function acceptAll(p: ImportPreview): ImportDecisions {
  const ofSheet = (sheet: string) => {
    const rows = p.rows.filter((r) => r.sheet === sheet);
    return {
      acceptRows: rows.filter((r) => r.status === 'error' || r.status === 'fuzzy' || r.status === 'conflict').map((r) => r.sourceRow),
      cells: rows.flatMap((r) => r.diffs.filter((d) => d.status === 'conflict').map((d) => ({ sourceRow: r.sourceRow, field: d.field, accept: true }))),
    };
  };
  const others = [...new Set(p.rows.map((r) => r.sheet))].filter((s) => s !== p.sheet);
  return {
    ...ofSheet(p.sheet),
    clears: true,
    newUnits: (p.newUnits ?? []).map((u) => ({ key: u.key, create: true, ...(u.parent ? { parentId: u.parent.id } : {}) })),
    ...(others.length ? { sheets: others.map((sheet) => ({ sheet, ...ofSheet(sheet) })) } : {}),
  };
}

/** What the commit wrote: the rows and units as they now are, and the audit records, less random ids. */
function writesPrint(core: Core): string {
  const q = (sql: string) => core.conn.sqlite.prepare(sql).all() as Record<string, unknown>[];
  return hash({
    ledger: q('SELECT * FROM branch_ledger ORDER BY id').map(({ uid: _, ...r }) => r),
    org: q('SELECT id, parent_id, name, kind, path, level, code, closed_on FROM org ORDER BY id'),
    audit: q('SELECT entity, row_id, field, op, old_value, new_value, source, source_ref FROM audit_log ORDER BY id'),
  });
}

async function importPrints(core: Core, file: string): Promise<{ counts: ImportPreview['counts']; preview: string; committed: unknown; writes: string }> {
  core.grants.read(file);
  const p = await core.call('import.open', { path: file });
  const preview = previewPrint(p);
  const result = await core.call('import.commit', { sessionId: p.sessionId, decisions: acceptAll(p) });
  const { batchId: _, changeSetId: __, ...committed } = result;
  return { counts: p.counts, preview, committed, writes: writesPrint(core) };
}

describe('import answers unchanged (issue 18)', () => {
  const files = ['handmade-ledger.xlsx', 'handmade-other-layout.xlsx', 'values-ledger.xlsx', 'returned-libreoffice.xlsx', 'handmade/by-township.xlsx', 'handmade/tianyi-title.xlsx', 'handmade/ningcheng-220.xlsx'];
  for (const name of files) {
    it(`${name}: the preview and the commit's writes are as before`, async () => {
      const { core } = await seededCore('small', 1);
      try {
        expect(await importPrints(core, path.join(fixtures, name))).toMatchSnapshot();
      } finally {
        await core.close();
      }
    });
  }

  it('a returned export edited there and here (three ways): the preview and the commit are as before', async () => {
    const { core, dir } = await seededCore('small', 1);
    try {
      const all = (await core.call('ledger.list', { year: 2026 })).rows;
      const file = path.join(dir, '报送表.xlsx');
      core.grants.write(file);
      await core.call('export.run', { templateId: 'branch-ledger', scope: { year: 2026 }, path: file });
      // There: every 20th row's members, secretary and a date rewritten; here since: every 50th row's secretary.
      editReturned(file, all.length);
      await core.call('ledger.edit', { changes: all.filter((_, i) => i % 50 === 0).map((r, i) => ({ id: r.id, field: 'secretary', value: `本地${i}` })), source: 'typed' });
      const prints = await importPrints(core, file);
      expect(prints.counts.conflicts).toBeGreaterThan(0);
      expect(prints.counts.errors).toBeGreaterThan(0);
      expect(prints).toMatchSnapshot();
    } finally {
      await core.close();
    }
  });
});
