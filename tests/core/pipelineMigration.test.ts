/**
 * Migration 0012 on a database as the app left it before the pipeline: each branch's typed
 * 最强党支部 becomes stage records (where the pipeline lacks them, none beyond or failed), every one
 * logged as a move; the ledger then shows the same values, derived; the typed values are kept.
 */
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../electron/core/db/migrations/index.ts';
import { openCore, tempDir } from '../helpers/core.ts';

describe('migration 0012: typed statuses into the pipeline', () => {
  it('makes the stage records a typed status says, keeps records that are there, and the ledger shows the same values', async () => {
    const file = path.join(tempDir(), 'v9.db');
    const old = new SQLite(file);
    const before = migrations.findIndex((m) => m.name === 'evaluation_pipeline');
    for (const m of migrations.slice(0, before)) old.exec(m.sql);
    old.exec(`
      INSERT INTO org (id, uid, level, kind, name, path, depth, created_at, updated_at) VALUES
        (1, 'c', 'city', 'city_committee', '赤峰市委', '/1/', 0, 'x', 'x'),
        (2, 't', 'township', 'township_committee', '天义镇党委', '/1/2/', 1, 'x', 'x'),
        (11, 'b1', 'branch', 'branch', '一村党支部', '/1/2/11/', 2, 'x', 'x'),
        (12, 'b2', 'branch', 'branch', '二村党支部', '/1/2/12/', 2, 'x', 'x'),
        (13, 'b3', 'branch', 'branch', '三村党支部', '/1/2/13/', 2, 'x', 'x'),
        (14, 'b4', 'branch', 'branch', '四村党支部', '/1/2/14/', 2, 'x', 'x'),
        (15, 'b5', 'branch', 'branch', '五村党支部', '/1/2/15/', 2, 'x', 'x');
      INSERT INTO branch_ledger (uid, org_id, year, strongest_status, updated_at) VALUES
        ('l1', 11, 2026, 'county_accepted', 'x'), ('l2', 12, 2026, 'none', 'x'), ('l3', 13, 2026, 'township_rated', 'x'),
        ('l4', 14, 2026, 'creating', 'x'), ('l5', 15, 2026, 'city_assessed', 'x'), ('l6', 11, 2025, NULL, 'x');
      -- Three has begun its path already (自创 recorded); four's records are further along than its typed value.
      INSERT INTO evaluation (uid, year, org_id, stage, result, created_at, updated_at) VALUES
        ('e1', 2026, 13, 'self', NULL, 'x', 'x'),
        ('e2', 2026, 14, 'self', NULL, 'x', 'x'), ('e3', 2026, 14, 'applied', NULL, 'x', 'x'), ('e4', 2026, 14, 'township', 'pass', 'x', 'x');
    `);
    old.pragma(`user_version = ${before}`);
    old.close();

    const core = await openCore(file);
    const status = new Map((await core.call('ledger.list', { year: 2026 })).rows.map((r) => [r.name, r.strongestStatus]));
    expect(Object.fromEntries(status)).toEqual({
      一村党支部: 'county_accepted', 二村党支部: 'none', 三村党支部: 'township_rated', 四村党支部: 'township_rated', 五村党支部: 'city_assessed',
    });
    const stages = (orgId: number) => (core.conn.sqlite.prepare('SELECT stage, result FROM evaluation WHERE org_id = ? AND year = 2026 ORDER BY id').all(orgId) as { stage: string; result: string | null }[]).map((r) => `${r.stage}:${r.result ?? ''}`);
    expect(stages(11)).toEqual(['self:', 'applied:', 'township:pass', 'county:pass']);
    expect(stages(13)).toEqual(['self:', 'applied:', 'township:pass']);
    expect(stages(14)).toEqual(['self:', 'applied:', 'township:pass']);
    expect(stages(15)).toEqual(['self:', 'applied:', 'township:pass', 'county:pass', 'city:named']);
    expect(core.conn.sqlite.prepare("SELECT org_id, from_stage, to_stage, action FROM evaluation_step ORDER BY org_id").all()).toEqual([
      { org_id: 11, from_stage: null, to_stage: 'county', action: 'migrate' },
      { org_id: 13, from_stage: 'self', to_stage: 'township', action: 'migrate' },
      { org_id: 15, from_stage: null, to_stage: 'city', action: 'migrate' },
    ]);
    // Nothing typed is lost: kept beside the derived value, read by nothing.
    expect(core.conn.sqlite.prepare('SELECT strongest_status_typed AS s FROM branch_ledger ORDER BY id').all().map((r) => (r as { s: string | null }).s)).toEqual([
      'county_accepted', 'none', 'township_rated', 'creating', 'city_assessed', null,
    ]);
    await core.close();
  });
});
