/**
 * What a consolidation reads besides the ledger and the records: where every org sits (to put a
 * row under its unit), the returns of the units with when each was accepted, and the reports up
 * (consolidation_report: written once per file sent, never updated).
 */
import type SQLite from 'better-sqlite3';
import type { Insertable } from 'kysely';
import { all, build, first, run } from '../db/query.ts';
import type { ConsolidationReportTable } from '../db/schema.ts';
import { listed, subtreeEnd } from './parts.ts';

/** Every org in the subtree at `path` (the unit itself included), with its path. */
export function orgPathsUnder(sqlite: SQLite.Database, path: string): Map<number, string> {
  const rows = all(sqlite, build.selectFrom('org').select(['id', 'path']).where('path', '>=', path).where('path', '<', subtreeEnd(path)));
  return new Map(rows.map((r) => [r.id, r.path]));
}

/** The returns of these units for these tables in the period, with the time each was last accepted and last reopened. */
export function returnsOfUnits(sqlite: SQLite.Database, period: string, unitIds: readonly number[], templateIds: readonly string[]) {
  if (unitIds.length === 0 || templateIds.length === 0) return [];
  return all(
    sqlite,
    build
      .selectFrom('report_return as r')
      .select(['r.id', 'r.template_id', 'r.unit_org_id', 'r.state', 'r.round', 'r.file_name', 'r.returned_at', 'r.import_batch_id'])
      .select((eb) =>
        eb
          .selectFrom('report_return_event as e')
          .select((e) => e.fn.max('e.at').as('at'))
          .whereRef('e.return_id', '=', 'r.id')
          .where('e.to_state', '=', 'accepted')
          .as('accepted_at'),
      )
      .select((eb) =>
        eb
          .selectFrom('report_return_event as e')
          .select((e) => e.fn.max('e.at').as('at'))
          .whereRef('e.return_id', '=', 'r.id')
          .where('e.from_state', '=', 'accepted')
          .as('reopened_at'),
      )
      .where('r.period', '=', period)
      .where('r.unit_org_id', 'in', listed(unitIds))
      .where('r.template_id', 'in', listed(templateIds)),
  );
}

export function insertReport(sqlite: SQLite.Database, row: Insertable<ConsolidationReportTable>): number {
  return Number(run(sqlite, build.insertInto('consolidation_report').values(row)).lastInsertRowid);
}

/** The last report up of a table, period and unit. */
export function lastReport(sqlite: SQLite.Database, templateId: string, period: string, scopeOrgId: number) {
  return first(
    sqlite,
    build
      .selectFrom('consolidation_report')
      .selectAll()
      .where('template_id', '=', templateId)
      .where('period', '=', period)
      .where('scope_org_id', '=', scopeOrgId)
      .orderBy('id', 'desc')
      .limit(1),
  );
}
