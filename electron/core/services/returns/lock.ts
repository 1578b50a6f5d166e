/**
 * The lock of an accepted return (已采纳): while a unit's return of a table for a year is
 * accepted, no change may touch that unit's rows of the tables the template covers for that
 * year. Checked in the one place every change passes (a change set's record, see AuditLog),
 * so a typed edit, a paste, a bulk operation, an import and an undo are all refused alike,
 * inside their transaction: the refusal rolls back whatever the action had begun.
 */
import type SQLite from 'better-sqlite3';
import { AppError } from '../../../../shared/contract/errors.ts';
import { fillTitle, findTemplate } from '../../../../shared/templates/index.ts';
import type { SourceId } from '../../../../shared/templates/types.ts';
import type { RowGuard } from '../../repos/audit.ts';
import { acceptedReturns, lockableTables, rowPlaces, type LockableTable, type RowPlace } from '../../repos/reportReturns.ts';
import { subtreeEnd } from '../../repos/parts.ts';
import { placeName } from '../export/index.ts';

/** The table a template's sheet reads its rows from, where those rows carry a unit and a year. */
const tableOfSource: Partial<Record<SourceId, LockableTable>> = {
  ledger: 'branch_ledger',
  project: 'project',
  problem: 'problem',
  evaluationPath: 'evaluation',
  liaison: 'liaison',
  visit: 'liaison_visit',
};

interface Lock {
  tables: Set<string>;
  year: number;
  path: string;
  pathEnd: string;
  message: string;
}

/** The words of a refusal: which unit, which table, and how to reopen it. */
export function lockedMessage(unitName: string, templateId: string, period: string): string {
  const t = findTemplate(templateId);
  const table = t ? fillTitle(t.title, placeName(unitName), Number(period)) : `${placeName(unitName)}${period}年报表`;
  return `${table}已采纳并锁定；如需修改，请先在“报送情况”中重新打开并填写原因。`;
}

/**
 * The guard of one change set: null when nothing is locked (one query, then nothing per row),
 * else a check of each changed row that throws the refusal in Chinese.
 */
export function lockGuard(sqlite: SQLite.Database): RowGuard | null {
  const locks: Lock[] = acceptedReturns(sqlite).flatMap((r) => {
    const t = findTemplate(r.template_id);
    const tables = new Set(t?.sheets.map((s) => tableOfSource[s.source]).filter((x): x is LockableTable => x !== undefined) ?? []);
    if (tables.size === 0) return [];
    return [{ tables, year: Number(r.period), path: r.unit_path, pathEnd: subtreeEnd(r.unit_path), message: lockedMessage(r.unit_name, r.template_id, r.period) }];
  });
  if (locks.length === 0) return null;
  const lockable = new Set<string>(lockableTables);
  const placeOf = rowPlaces(sqlite);
  const lockOf = (entity: string, place: RowPlace) => locks.find((l) => l.tables.has(entity) && place.from <= l.year && l.year <= place.to && place.path >= l.path && place.path < l.pathEnd);
  return (entity, rowId, field, oldValue) => {
    if (!lockable.has(entity)) return;
    const place = placeOf(entity as LockableTable, rowId);
    if (!place) return;
    // The row as it was, too: a work record moved out of a locked year, or a point's dates changed, is a change to that year.
    const lock = lockOf(entity, place) ?? (field && datedBy[field] ? lockOf(entity, datedBy[field](place, yearOf(oldValue))) : undefined);
    if (lock) throw new AppError('CONFLICT', lock.message, { entity, rowId });
  };
}

const yearOf = (v: unknown): number | null => (typeof v === 'string' && /^\d{4}/.test(v) ? Number(v.slice(0, 4)) : null);

/** Where a row was before a change of the date that places it in years (the audit names fields as the records do). */
const datedBy: Record<string, (now: RowPlace, oldYear: number | null) => RowPlace> = {
  visitedOn: (now, y) => (y === null ? now : { ...now, from: y, to: y }),
  establishedOn: (now, y) => ({ ...now, from: y ?? 0 }),
  endedOn: (now, y) => ({ ...now, to: y ?? 9999 }),
};
