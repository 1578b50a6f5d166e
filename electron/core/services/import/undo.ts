/**
 * Undoing an import as a whole. Values it wrote go back to what they were (a cell changed
 * again since is left and named). What it created goes away entirely when nothing has used
 * it since: a branch it added leaves neither an empty deleted row nor a unit in the tree.
 * A branch something has used since (edited, a liaison point, another year's row…) stays,
 * with its values, and the undo says so.
 */
import { AppError } from '../../../../shared/contract/errors.ts';
import { editedSince, recordsOfChangeSet, type ChangeSetRecord } from '../../repos/audit.ts';
import { getImportBatch, setImportStatus } from '../../repos/imports.ts';
import { ledgerWriter, removeLedgerRow } from '../../repos/ledger.ts';
import { getOrg, orgReferences, removeOrg } from '../../repos/orgs.ts';
import { revertChangeSet } from '../changes.ts';
import type { ServiceContext } from '../context.ts';
import { ledgerRowsByIds } from '../ledger/list.ts';
import { recordTableOf, undoRecordsImport } from './returns/undo.ts';

interface Added {
  ledgerId: number;
  orgId: number;
  name: string;
  /** The unit was created by the import too (not an existing branch given this year's row). */
  unitCreated: boolean;
}

/** The rows the import added, and what became of each since: untouched, worked on, or used. */
function addedRows(ctx: ServiceContext, changeSetId: string, records: ChangeSetRecord[]): { removable: Added[]; used: Added[]; workedOn: Set<number> } {
  const { sqlite } = ctx.conn;
  const writer = ledgerWriter(sqlite);
  const created = new Set(records.filter((r) => r.entity === 'org' && r.op === 'insert').map((r) => r.row_id!));
  const newest = records[0]?.id ?? 0;
  const out = { removable: [] as Added[], used: [] as Added[], workedOn: new Set<number>() };
  for (const r of records.filter((x) => x.entity === 'branch_ledger' && x.op === 'insert')) {
    const row = writer.get(r.row_id!);
    if (!row) continue;
    const added = { ledgerId: row.id, orgId: row.org_id, name: getOrg(sqlite, row.org_id)?.name ?? `第 ${row.id} 行`, unitCreated: created.has(row.org_id) };
    if (editedSince(sqlite, 'branch_ledger', row.id, newest, changeSetId) || editedSince(sqlite, 'org', row.org_id, newest, changeSetId)) out.workedOn.add(row.id);
    else if (added.unitCreated && orgReferences(sqlite, row.org_id, row.id) > 0) out.used.push(added);
    else out.removable.push(added);
  }
  return out;
}

export function undoImport(ctx: ServiceContext, id: string): { undone: boolean; problems: string[]; removed: string[] } {
  const { sqlite } = ctx.conn;
  const batch = getImportBatch(sqlite, id);
  if (!batch) throw new AppError('NOT_FOUND', '找不到这次导入的记录。');
  if (batch.status === 'undone') throw new AppError('CONFLICT', `“${batch.file_name}”的这次导入已经撤销过了。`);
  const changeSetId = batch.change_set_id;
  // The revert, the removals and the batch's status together: an import is never half undone.
  const result = ctx.conn.writeTransaction(() => {
    if (!changeSetId) {
      setImportStatus(sqlite, id, 'undone');
      return { problems: [], removed: [] as string[], ledger: false };
    }
    const records = recordsOfChangeSet(sqlite, changeSetId);
    // A returned file of records (联系点, 工作记录…): its records' own undo.
    if (records.some((r) => recordTableOf(r.entity) !== undefined)) {
      const undone = undoRecordsImport(ctx, changeSetId, records, batch.file_name, Number(batch.period) || ctx.now().getFullYear());
      setImportStatus(sqlite, id, 'undone');
      return { problems: undone.problems, removed: undone.removed, ledger: false };
    }
    const { removable, used } = addedRows(ctx, changeSetId, records);
    const leave = new Set([...removable, ...used].map((a) => a.ledgerId));
    // Each cell left as it is, named by its branch: the person must know which to look at.
    const nameOf = (ledgerId: number) => {
      const row = ledgerWriter(sqlite).get(ledgerId);
      return (row && getOrg(sqlite, row.org_id)?.name) ?? `第 ${ledgerId} 行`;
    };
    const problems = revertChangeSet(ctx, changeSetId, 'undo', leave).problems.map((p) => `${nameOf(p.id)}：${p.message}`);
    for (const a of used) problems.push(`${a.name}：这次导入新增的党支部此后已被使用（联系点、其他年度的台账等），未移除，它的台账行和值保持不变。`);
    removeAdded(ctx, changeSetId, batch.file_name, removable);
    setImportStatus(sqlite, id, 'undone');
    return { problems, removed: removable.map((a) => a.name), ledger: true };
  })();
  if (result.ledger) ctx.events.emit('data.changed', { entity: 'branch_ledger' });
  return { undone: true, problems: result.problems, removed: result.removed };
}

/**
 * Takes the added rows (and the units made for them) out of the ledger and the tree. The
 * audit keeps what each held: a `delete` whose new value says it is gone for good (a
 * deleted ledger row otherwise stays, marked, and can be restored).
 */
function removeAdded(ctx: ServiceContext, changeSetId: string, fileName: string, added: Added[]): void {
  if (added.length === 0) return;
  const { sqlite } = ctx.conn;
  const cs = ctx.audit.begin('undo', `撤销导入“${fileName}”：移除它新增的 ${added.length} 个党支部`, { undoOf: changeSetId });
  const gone = { removed: true };
  const held = new Map(ledgerRowsByIds(ctx, added.map((a) => a.ledgerId)).map((r) => [r.id, r]));
  for (const a of added) {
    const row = ledgerWriter(sqlite).get(a.ledgerId)!;
    cs.record('branch_ledger', a.ledgerId, row.uid, null, 'delete', held.get(a.ledgerId) ?? null, gone);
    removeLedgerRow(sqlite, a.ledgerId);
    if (!a.unitCreated) continue;
    const org = getOrg(sqlite, a.orgId)!;
    cs.record('org', org.id, org.uid, null, 'delete', org, gone);
    removeOrg(sqlite, org.id);
  }
}
