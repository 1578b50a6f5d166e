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
import { ledgerColumns, leaderColumns, liaisonColumns, orgColumns } from '../../repos/seedRows.ts';
import { loadDivisions } from './divisions.ts';
import { generateSeed, type SeedData, type SeedOptions } from './generate.ts';

export interface SeedResult {
  cityName: string;
  orgs: number;
  branches: number;
  ledgerRows: number;
  leaders: number;
  liaisons: number;
}

export function buildSeed(options: SeedOptions): SeedData {
  return generateSeed(options, loadDivisions());
}

export async function writeSeed(conn: Connection, data: SeedData, meta: { actor: string; now: string; seed: number }): Promise<SeedResult> {
  if ((await countOrgs(conn.db)) > 0) {
    throw new AppError('DB_NOT_EMPTY', '数据库中已经有组织机构数据，不能再写入演示数据。请换一个新的数据库文件路径。', {
      path: conn.path,
    });
  }
  const cs = { id: randomUUID(), at: meta.now, actor: meta.actor, source: 'seed', summary: `演示数据（${data.cityName}，种子 ${meta.seed}）` };
  const insertOrgs = bulkInserter(conn.sqlite, 'org', orgColumns);
  const insertLedger = bulkInserter(conn.sqlite, 'branch_ledger', ledgerColumns);
  const insertLeaders = bulkInserter(conn.sqlite, 'leader', leaderColumns);
  const insertLiaisons = bulkInserter(conn.sqlite, 'liaison', liaisonColumns);
  const range = (rows: { id: number }[]): [number, number] | null =>
    rows.length ? [rows[0]!.id, rows[rows.length - 1]!.id] : null;

  conn.sqlite.transaction(() => {
    insertChangeSet(conn.sqlite, cs);
    insertOrgs(data.orgs);
    insertLedger(data.ledger);
    insertLeaders(data.leaders);
    insertLiaisons(data.liaisons);
    auditBulkInsert(conn.sqlite, cs, 'org', data.orgs.length, range(data.orgs));
    auditBulkInsert(conn.sqlite, cs, 'branch_ledger', data.ledger.length, range(data.ledger));
    auditBulkInsert(conn.sqlite, cs, 'leader', data.leaders.length, range(data.leaders));
    auditBulkInsert(conn.sqlite, cs, 'liaison', data.liaisons.length, range(data.liaisons));
  })();

  return {
    cityName: data.cityName,
    orgs: data.orgs.length,
    branches: data.orgs.filter((o) => o.level === 'branch').length,
    ledgerRows: data.ledger.length,
    leaders: data.leaders.length,
    liaisons: data.liaisons.length,
  };
}
