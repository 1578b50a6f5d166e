/**
 * Every edit of a ledger cell, typed, pasted or filled, comes here: parsed by the
 * column's rules, written with its audit record in one transaction per call. A
 * value that cannot be understood is kept (invalid_json) and marked, never dropped.
 */
import type { DictEntry, EditProblem, EditResult, InvalidValue } from '../../../../shared/contract/types.ts';
import type { ParsedArgs } from '../../../../shared/contract/methods.ts';
import { ledgerColumnByField, type LedgerField } from '../../../../shared/domain/ledger.ts';
import { parseFieldValue, shownValue } from '../../../../shared/domain/fields.ts';
import { isBranchKind } from '../../../../shared/domain/org.ts';
import { pinyinKeys } from '../../../../shared/domain/pinyin.ts';
import { listDictEntriesSync } from '../../repos/dicts.ts';
import { getOrg, openSiblingNamed } from '../../repos/orgs.ts';
import { ledgerDbColumn, ledgerWriter, orgDbColumn, storedLedgerValue, type RawLedgerRowWithUids } from '../../repos/ledger.ts';
import type { ServiceContext } from '../context.ts';
import type { ChangeSet } from '../../repos/audit.ts';
import { ledgerRowsByIds, patchingLedger } from './list.ts';

const sourceLabels: Record<string, string> = { typed: '编辑', paste: '粘贴', fill: '填充' };

/** The audit record's ref: the ledger row (for org fields, which row they were edited from), then the file's cell. */
function refOf(ledgerId: number, change: LedgerChange): string {
  return change.from ? `branch_ledger:${ledgerId}@${change.from}` : `branch_ledger:${ledgerId}`;
}

export function editLedger(ctx: ServiceContext, args: ParsedArgs<'ledger.edit'>): EditResult {
  return applyLedgerEdits(ctx, args.changes, {
    source: args.source,
    summary: `${sourceLabels[args.source] ?? args.source}台账 ${args.changes.length} 处`,
  });
}

export interface LedgerChange {
  id: number;
  field: string;
  value: string | number | boolean | null;
  /** Where the value came from, when not typed: an imported file's sheet and cell ('台账!D12'). */
  from?: string;
  /**
   * What the cell held when the person decided (an import's preview): if it holds
   * something else now, the change is not written and a problem says so.
   */
  expected?: string | number | boolean | null;
}

export interface EditOptions {
  source: string;
  summary: string;
  problems?: EditProblem[];
  /** Write into this change set (an import's, with its file) instead of starting one. */
  changeSet?: ChangeSet;
}

/** The one path that writes ledger cells: typed, pasted, filled, undone or redone. */
export function applyLedgerEdits(ctx: ServiceContext, changes: readonly LedgerChange[], options: EditOptions): EditResult {
  return patchingLedger(ctx, () => writeLedgerEdits(ctx, changes, options), (r) => r.rows.map((row) => row.orgId));
}

function writeLedgerEdits(ctx: ServiceContext, changes: readonly LedgerChange[], options: EditOptions): EditResult {
  const { sqlite } = ctx.conn;
  const dicts: DictEntry[] = listDictEntriesSync(sqlite);
  const writer = ledgerWriter(sqlite);
  const now = ctx.now().toISOString();
  const problems: EditProblem[] = options.problems ?? [];
  // A paste touches each row ten times over: read it once, keep it current as cells are written.
  const rows = new Map<number, RawLedgerRowWithUids | undefined>();
  const rowOf = (id: number) => {
    if (!rows.has(id)) rows.set(id, writer.get(id));
    return rows.get(id);
  };
  const remember = (row: RawLedgerRowWithUids, column: string, value: unknown) => {
    (row as unknown as Record<string, unknown>)[column] = value;
  };
  const touched = new Set<number>();

  const changeSetId = ctx.conn.writeTransaction(() => {
    const cs = options.changeSet ?? ctx.audit.begin(options.source, options.summary);
    const invalidByRow = new Map<number, Record<string, InvalidValue>>();
    for (const change of changes) {
      const field = change.field as LedgerField;
      const column = ledgerColumnByField.get(field)!;
      const row = rowOf(change.id);
      if (!row) {
        problems.push({ id: change.id, field, message: '找不到这一行，可能已被删除，请刷新。' });
        continue;
      }
      if (row.deleted_at) {
        problems.push({ id: change.id, field, message: '这一行已删除，请先在“已删除”中恢复。' });
        continue;
      }
      let invalid = invalidByRow.get(row.id);
      if (!invalid) invalidByRow.set(row.id, (invalid = row.invalid_json ? (JSON.parse(row.invalid_json) as Record<string, InvalidValue>) : {}));
      const wasInvalid = invalid[field];
      const old = wasInvalid ? { invalid: wasInvalid.raw } : storedLedgerValue(row, field);
      if (change.expected !== undefined && (wasInvalid ? wasInvalid.raw : (old ?? null)) !== change.expected) {
        const held = shownValue(column, wasInvalid ? wasInvalid.raw : old, dicts);
        problems.push({ id: row.id, field, message: `${column.label}：核对之后又被改为“${held}”，未覆盖。请重新核对这个文件。` });
        continue;
      }
      const parsed = parseFieldValue(column, change.value, dicts);
      if (column.derived) {
        // 最强党支部 follows the evaluation pipeline: typed here it would be a second, diverging copy. Only a
        // file's text not understood is kept, red, as written (never lost); its undo takes the mark off.
        const clearing = parsed.ok && wasInvalid && (options.source === 'undo' || options.source === 'redo');
        if (clearing) {
          delete invalid[field];
          cs.record('branch_ledger', row.id, row.uid, field, 'update', old, parsed.value, refOf(row.id, change));
          touched.add(row.id);
          continue;
        }
        if (parsed.ok || options.source !== 'import') {
          problems.push({ id: change.id, field, message: `“${column.label}”由“最强党支部”评定流程生成，不能直接修改；请在“最强党支部”页面推进或退回。` });
          continue;
        }
      }
      const entity = orgDbColumn[field] ? 'org' : 'branch_ledger';
      const rowId = entity === 'org' ? row.org_id : row.id;
      const rowUid = entity === 'org' ? row.org_uid : row.uid;

      if (!parsed.ok) {
        const raw = String(change.value ?? '').trim();
        // A required column (a branch's name) is never kept as text not understood: it names the branch.
        if (column.required) {
          problems.push({ id: row.id, field, message: raw === '' ? `${column.label}不能为空，未修改。` : `${column.label}：${parsed.message}，未修改。` });
          continue;
        }
        invalid[field] = { raw, message: parsed.message };
        // The typed column no longer holds what the user meant: clear it, keep the text.
        if (ledgerDbColumn[field]) {
          writer.setLedgerValue(row.id, ledgerDbColumn[field]!, null, now);
          remember(row, ledgerDbColumn[field]!, null);
        }
        cs.record(entity, rowId, rowUid, field, 'update', old, { invalid: raw }, refOf(row.id, change));
        problems.push({ id: row.id, field, message: `${column.label}：${parsed.message}`, kept: true });
        touched.add(row.id);
        continue;
      }

      const value = parsed.value;
      if (!wasInvalid && JSON.stringify(old ?? null) === JSON.stringify(value)) continue;
      // The tree's own rules hold here too: a branch's kind is 党支部 or 党总支, and no two open units under one parent share a name.
      if (field === 'kind' && !isBranchKind(String(value))) {
        problems.push({ id: row.id, field, message: `组织类别：台账中的党组织只能是“党支部”或“党总支”，未修改。` });
        continue;
      }
      if (field === 'name') {
        const parentId = getOrg(sqlite, row.org_id)?.parent_id ?? null;
        if (openSiblingNamed(sqlite, parentId, String(value), row.org_id)) {
          problems.push({ id: row.id, field, message: `同一上级下已有名为“${String(value)}”的党组织，未修改。` });
          continue;
        }
      }
      delete invalid[field];
      if (field === 'name') {
        const keys = pinyinKeys(String(value));
        writer.setOrgName(row.org_id, String(value), keys.sortKey, keys.initials, now);
        remember(row, 'name', value);
      } else if (orgDbColumn[field]) {
        writer.setOrgValue(row.org_id, orgDbColumn[field]!, value, now);
        remember(row, orgDbColumn[field]!, value);
      } else {
        const stored = typeof value === 'boolean' ? (value ? 1 : 0) : value;
        writer.setLedgerValue(row.id, ledgerDbColumn[field]!, stored, now);
        remember(row, ledgerDbColumn[field]!, stored);
      }
      cs.record(entity, rowId, rowUid, field, 'update', old, value, refOf(row.id, change));
      touched.add(row.id);
    }
    for (const id of touched) {
      const invalid = invalidByRow.get(id)!;
      writer.finishRow(id, Object.keys(invalid).length ? JSON.stringify(invalid) : null, now);
    }
    return cs.count > 0 ? cs.id : null;
  })();

  if (touched.size) ctx.events.emit('data.changed', { entity: 'branch_ledger', ids: [...touched] });
  return { changeSetId, rows: ledgerRowsByIds(ctx, [...touched]), problems };
}
