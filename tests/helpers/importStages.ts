/**
 * Plain data for the import's pure stages: the default dictionaries, ledger rows as held,
 * and a branch ledger's rows as the file gives them, read by the real reading stage.
 */
import type { DictEntry, LedgerRow } from '../../shared/contract/types.ts';
import { defaultDictionaries } from '../../shared/domain/defaults.ts';
import { ledgerColumnByField, ledgerColumns, type LedgerField, type LedgerValues } from '../../shared/domain/ledger.ts';
import { branchLedger } from '../../shared/templates/builtin/branchLedger.ts';
import type { RawCell } from '../../electron/core/excel/reader/index.ts';
import { nameKey } from '../../electron/core/services/import/branchNames.ts';
import { aboveOf, placesOf, type HeldLedger, type Township } from '../../electron/core/services/import/held.ts';
import { cellAddresses, readRows, type FileColumn, type FileRow } from '../../electron/core/services/import/read.ts';

export const dicts: DictEntry[] = Object.entries(defaultDictionaries).flatMap(([dict, d]) =>
  d.entries.map((e, i) => ({ dict, code: e.code, label: e.label, synonyms: e.synonyms ?? [], sortOrder: i, active: true })),
);

export const YEAR = 2026;

/** A ledger row as held: a branch of 经棚镇 unless told otherwise. */
export function heldRow(over: Partial<LedgerRow> & { id: number; name: string }): LedgerRow {
  return {
    orgId: over.id + 1000,
    year: YEAR,
    county: '克什克腾旗',
    countyId: 2,
    township: '经棚镇',
    townshipId: 10,
    townshipInitials: 'jpz',
    nameSort: over.name,
    initials: '',
    // Every column of the definitions empty, then a branch of the village field.
    ...(Object.fromEntries(ledgerColumns.map((c) => [c.field, null])) as unknown as LedgerValues),
    kind: 'branch',
    field: 'village',
    liaisonLeaders: null,
    invalid: null,
    revision: 1,
    closedOn: null,
    deletedAt: null,
    ...over,
  };
}

export const townships: Township[] = [
  { id: 10, name: '经棚镇' },
  { id: 11, name: '同兴镇' },
];

/**
 * What we hold, as `readHeldLedger` would give it for these rows: live rows by id and under
 * their townships, and the stable ids a file may carry (`uid`: a row of the year, or another).
 */
export function held(rows: LedgerRow[], more: { uids?: Record<string, { id: number; year?: number; deleted?: boolean }>; byName?: boolean; branches?: HeldLedger['branches']; sentBefore?: HeldLedger['sentBefore'] } = {}): HeldLedger {
  const inTownship = new Map<number, LedgerRow[]>(townships.map((t) => [t.id, []]));
  for (const r of rows) if (r.townshipId !== null) inTownship.get(r.townshipId)?.push(r);
  const byName = new Map<string, LedgerRow[]>();
  if (more.byName) for (const r of rows) byName.set(nameKey(r.name), [...(byName.get(nameKey(r.name)) ?? []), r]);
  return {
    year: YEAR,
    byUid: new Map(Object.entries(more.uids ?? {}).map(([uid, h]) => [uid, { id: h.id, year: h.year ?? YEAR, deleted: h.deleted ?? false }])),
    byId: new Map(rows.map((r) => [r.id, r])),
    places: placesOf(townships),
    inTownship,
    byName,
    branches: more.branches ?? new Map(),
    sentBefore: more.sentBefore ?? null,
    above: aboveOf([]),
    changedAfter: null,
  };
}

/** The branch ledger's columns as our export writes them (A 序号, B 旗县区, C 苏木乡镇（街道）, D 党组织名称, …), the hidden id after them. */
export const ledgerSheet = branchLedger.sheets[0]!;
export const fileColumns: FileColumn[] = ledgerSheet.columns.map((col, index) => ({ index, field: col.field, col, def: ledgerColumnByField.get(col.field as LedgerField) }));
export const ID_COLUMN = fileColumns.length;
export const cellOf = cellAddresses(fileColumns);

/** Rows of a file (from Excel row 5), each given by field as typed (`id`: its hidden stable id), read by the reading stage. */
export function fileRows(rows: (Partial<Record<string, RawCell>> & { id?: string })[], options: { columns?: FileColumn[]; emptyAs?: string } = {}): FileRow[] {
  const columns = options.columns ?? fileColumns;
  const cells = rows.map((r) => {
    const line: RawCell[] = [];
    for (const c of columns) line[c.index] = r[c.field] ?? null;
    line[ID_COLUMN] = r.id ?? null;
    return line;
  });
  const sheet = { name: '党支部分类台账', state: 'visible', rows: [[], [], [], [], ...cells], merges: [], truncated: false };
  return readRows(sheet, cells.map((_, i) => i + 4), columns, ID_COLUMN, { emptyAs: options.emptyAs ?? '', dicts });
}
