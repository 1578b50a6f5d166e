/**
 * Reading record tables in the shape the grids hold: stored values by field name,
 * flags as booleans, the township of the branch a record belongs to, and for
 * projects where they stand against their deadline.
 */
import { AppError } from '../../../../shared/contract/errors.ts';
import type { ParsedArgs } from '../../../../shared/contract/methods.ts';
import type { InvalidValue, RecordList, RecordRow } from '../../../../shared/contract/types.ts';
import type { CellValue } from '../../../../shared/domain/fields.ts';
import { dueLabel, projectDue } from '../../../../shared/domain/liaison.ts';
import { orgLevelLabels, type OrgLevel } from '../../../../shared/domain/org.ts';
import { problemDue } from '../../../../shared/domain/problems.ts';
import { recordTables, type RecordTable } from '../../../../shared/domain/records.ts';
import { orgPath } from '../../repos/ledger.ts';
import { queryRecords, type RawRecord, type RecordQuery } from '../../repos/records.ts';
import { today, type ServiceContext } from '../context.ts';
import { rowContext } from '../ledger/list.ts';

/** The nearest township-level committee on a path, as the ledger shows it. */
export function townshipOn(path: string, committees: ReturnType<typeof rowContext>['committees']): string | null {
  let found: string | null = null;
  for (const part of path.split('/')) {
    const c = part ? committees.get(Number(part)) : undefined;
    if (c?.level === 'township') found = c.name;
  }
  return found;
}

export function toRecordRows(ctx: ServiceContext, table: RecordTable, raws: RawRecord[]): RecordRow[] {
  const fields = recordTables[table].fields;
  const committees = rowContext(ctx).committees;
  const day = today(ctx);
  return raws.map((raw) => {
    const values: Record<string, CellValue> = {};
    for (const f of fields) {
      const v = raw[f.field] as CellValue | undefined;
      values[f.field] = v === undefined ? null : f.type === 'flag' && v !== null ? v === 1 || v === true : v;
    }
    if ('township' in values) values.township = townshipOn(raw._path, committees);
    if (table === 'leader') values.level = orgLevelLabels[raw.level as OrgLevel] ?? String(raw.level);
    if (table === 'project') {
      values.dueState = dueLabel(projectDue({ progress: values.progress as string | null, crossedOff: values.crossedOff as boolean | null, dueOn: values.dueOn as string | null }, day));
    }
    if (table === 'problem') values.dueState = dueLabel(problemDue({ status: values.status as string | null, dueOn: values.dueOn as string | null }, day));
    return {
      id: raw.id,
      uid: raw.uid,
      revision: raw.revision,
      deletedAt: raw.deleted_at,
      invalid: raw.invalid_json ? (JSON.parse(raw.invalid_json) as Record<string, InvalidValue>) : null,
      values,
    };
  });
}

export function readRecords(ctx: ServiceContext, table: RecordTable, q: Omit<RecordQuery, 'today'>): RecordRow[] {
  return toRecordRows(ctx, table, queryRecords(ctx.conn.sqlite, table, { ...q, today: today(ctx) }));
}

export function recordsByIds(ctx: ServiceContext, table: RecordTable, year: number, ids: number[]): RecordRow[] {
  return ids.length ? readRecords(ctx, table, { year, ids }) : [];
}

export function listRecords(ctx: ServiceContext, args: ParsedArgs<'records.list'>): RecordList {
  let scopePath: string | undefined;
  if (args.scopeOrgId !== undefined) {
    scopePath = orgPath(ctx.conn.sqlite, args.scopeOrgId) ?? undefined;
    if (scopePath === undefined) throw new AppError('NOT_FOUND', `找不到编号为 ${args.scopeOrgId} 的党组织，请刷新后重试。`);
  }
  let rows = readRecords(ctx, args.table, {
    year: args.year,
    ...(args.deleted ? { deleted: true } : {}),
    ...(scopePath !== undefined ? { scopePath } : {}),
    ...(args.leaderId !== undefined ? { leaderId: args.leaderId } : {}),
    ...(args.orgId !== undefined ? { orgId: args.orgId } : {}),
    ...(args.liaisonId !== undefined ? { liaisonId: args.liaisonId } : {}),
    ...(args.text ? { text: args.text } : {}),
  });
  if (args.status) {
    if (args.table !== 'problem') throw new AppError('INVALID_ARGS', '只有问题清单可以按整改状态筛选。');
    const wanted = new Set(args.status);
    rows = rows.filter((r) => wanted.has(String(r.values.status)));
  }
  if (args.due) {
    if (args.table !== 'project' && args.table !== 'problem') throw new AppError('INVALID_ARGS', '只有领办实事项目和问题清单可以按时限筛选。');
    const day = today(ctx);
    const soonDays = args.due === 'soon10' ? 10 : 20;
    rows = rows.filter((r) => {
      const v = r.values;
      const due =
        args.table === 'problem'
          ? problemDue({ status: v.status as string | null, dueOn: v.dueOn as string | null }, day, soonDays)
          : projectDue({ progress: v.progress as string | null, crossedOff: v.crossedOff as boolean | null, dueOn: v.dueOn as string | null }, day, soonDays);
      return args.due === 'overdue' ? due.state === 'overdue' : due.state === 'soon';
    });
  }
  return { table: args.table, year: args.year, rows };
}
