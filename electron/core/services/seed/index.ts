/**
 * Writes a generated league into an empty database in one transaction, with one
 * change set (source 'seed') and a bulk audit record per table.
 */
import { randomUUID } from 'node:crypto';
import { AppError } from '../../../../shared/contract/errors.ts';
import type { Connection } from '../../db/connection.ts';
import { bulkInserter } from '../../repos/bulk.ts';
import { auditBulkInsert, insertChangeSet } from '../../repos/changeSets.ts';
import { countOrgs } from '../../repos/orgs.ts';
import { seedTables } from '../../repos/seedRows.ts';
import { setSetting, unitSetting } from '../../repos/settings.ts';
import { loadDivisions } from './divisions.ts';
import { generateSeed, type SeedData, type SeedOptions } from './generate.ts';

export interface SeedResult {
  cityName: string;
  orgs: number;
  branches: number;
  ledgerRows: number;
  leaders: number;
  liaisons: number;
  visits: number;
  projects: number;
  problems: number;
  evaluations: number;
}

export function buildSeed(options: SeedOptions): SeedData {
  return generateSeed(options, loadDivisions());
}

export async function writeSeed(conn: Connection, data: SeedData, meta: { actor: string; now: string; seed: number }): Promise<SeedResult> {
  if (countOrgs(conn.sqlite) > 0) {
    throw new AppError('DB_NOT_EMPTY', '数据库中已经有组织机构数据，不能再写入演示数据。请换一个新的数据库文件路径。', {
      path: conn.path,
    });
  }
  const cs = { id: randomUUID(), at: meta.now, actor: meta.actor, source: 'seed', summary: `演示数据（${data.cityName}，种子 ${meta.seed}）` };
  const range = (rows: { id: number }[]): [number, number] | null =>
    rows.length ? [rows[0]!.id, rows[rows.length - 1]!.id] : null;

  conn.writeTransaction(() => {
    insertChangeSet(conn.sqlite, cs);
    for (const [table, key, columns] of seedTables) {
      const rows = data[key] as { id: number }[];
      // Each entry pairs a table with its own columns, checked where seedTables is declared.
      bulkInserter(conn.sqlite, table, columns as never)(rows);
      auditBulkInsert(conn.sqlite, cs, table, rows.length, range(rows));
    }
    // The demo league's department is the league's: every page starts from its committee, as after a first run.
    const top = data.orgs.find((o) => o.parent_id === null);
    if (top) setSetting(conn.sqlite, unitSetting, top.id);
  })();

  return {
    cityName: data.cityName,
    orgs: data.orgs.length,
    branches: data.orgs.filter((o) => o.level === 'branch').length,
    ledgerRows: data.ledger.length,
    leaders: data.leaders.length,
    liaisons: data.liaisons.length,
    visits: data.visits.length,
    projects: data.projects.length,
    problems: data.problems.length,
    evaluations: data.evaluations.length,
  };
}
