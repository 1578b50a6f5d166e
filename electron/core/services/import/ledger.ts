/**
 * A returned or hand-made branch ledger compared with the ledger held now: each row
 * matched (by its stable id, else by township and name, a near name asking for
 * confirmation), each value read by its column's rules, and each cell judged three
 * ways when the file is one of our exports: what was sent (the value then, recovered
 * from the audit log and confirmed by the row's hash in the file), what came back,
 * what we hold now.
 */
import type { CellValue } from '../../../../shared/domain/fields.ts';
import { parseFieldValue, shownValue } from '../../../../shared/domain/fields.ts';
import { importedFields, ledgerColumnByField, type LedgerField } from '../../../../shared/domain/ledger.ts';
import type { DictEntry, ImportCellDiff, ImportRowView, LedgerRow } from '../../../../shared/contract/types.ts';
import type { TemplateColumn } from '../../../../shared/templates/types.ts';
import { hashedColumns, rowHash, sentCell, sentValue } from '../../excel/writer.ts';
import { UNREADABLE, type RawCell } from '../../excel/reader/index.ts';
import { changesSince } from '../../repos/audit.ts';
import { existingBranch, ledgerRowsByNames, ledgerRowsByUid, orgPath, queryLedger, toLedgerRow } from '../../repos/ledger.ts';
import type { ServiceContext } from '../context.ts';
import { rowContext } from '../ledger/list.ts';
import { columnLetter } from './layout.ts';
import type { ImportProblem, RecognisedSheet } from './recognise.ts';

/** Fields an import writes; the rest identify the row (township, name) or are derived (联系领导). */
const writable = importedFields;

/**
 * Names compared as people write them: no spaces, either kind of bracket. What is in
 * brackets is part of a branch's name (（第一联合）and（第二联合）党支部 are two branches);
 * a township is compared without a bracketed note or its 党委/党工委.
 */
const nameKey = (v: unknown) => String(v ?? '').replace(/\s+/g, '').replace(/\(/g, '（').replace(/\)/g, '）');
const placeKey = (v: unknown) => nameKey(v).replace(/（.*?）/g, '').replace(/(党工委|党委|人民政府|办事处|委员会)$/, '');

/**
 * Names that differ only in how people write the kind of organisation (东村党支部,
 * 东村支部, 东村党总支) or a doubled 村: likely the same branch, asked to be confirmed.
 * Nothing looser: 东营子村 and 西营子村 are one character apart and different villages.
 */
function similar(a: string, b: string): boolean {
  const core = (s: string) => s.replace(/(党总支部|党总支|党支部|总支部|总支|支部)$/, '').replace(/村村$/, '村').replace(/^中共/, '');
  return a !== b && core(a) === core(b) && core(a).length >= 2;
}

const same = (a: CellValue | undefined, b: CellValue | undefined) => (a ?? null) === (b ?? null);
/** A cell's text as a person wrote it, the same in the file as kept here (a value not understood is kept trimmed). */
const sameText = (a: CellValue | undefined, b: CellValue | undefined) => a !== null && a !== undefined && b !== null && b !== undefined && String(a).trim() === String(b).trim();
/** Lists of names as people write them (张三、李四 / 李四，张三): the same people in any order. */
const sameNames = (a: CellValue | undefined, b: CellValue | undefined) => {
  const names = (v: CellValue | undefined) => String(v ?? '').split(/[、，,；;\s]+/).filter(Boolean).sort().join('、');
  return names(a) === names(b);
};
/** Fields kept on the org (the branch itself), audited under its org row. */
const orgFields = new Set(['name', 'kind', 'field']);

/** A cell the reader marked as holding no usable value: an error value, or a formula saved without its result. */
export function cellProblem(value: RawCell): string | null {
  if (typeof value !== 'string' || !value.startsWith(UNREADABLE)) return null;
  const what = value.slice(UNREADABLE.length);
  return what.startsWith('=')
    ? `单元格是公式“${what}”，文件中没有它的计算结果；请在 Excel 或 WPS 中打开、保存后再导入`
    : `单元格是错误值 ${what}（公式出错），请在 Excel 或 WPS 中改正后再导入`;
}

/**
 * Cells that say "nothing here": a dash or slash, 无 (except in a yes/no column, where it
 * means 否), or whatever a returned export wrote for an empty cell. Read as empty, not as
 * text, or every empty 书记 of a file exported with "—" would come back as "—".
 */
export function isPlaceholder(col: Pick<TemplateColumn, 'type'>, value: RawCell, emptyAs: string): boolean {
  if (typeof value !== 'string') return false;
  const t = value.trim();
  if (t === '') return false;
  if (emptyAs !== '' && t === emptyAs) return true;
  if (/^[—–\-－/／]+$/.test(t)) return true;
  return t === '无' && col.type !== 'flag';
}
const township0 = (values: Record<string, CellValue>) => values.township ?? null;

/** Columns a file cannot change: derived ones (联系领导), and where a branch sits (旗县区, 苏木乡镇); its name is matched, not locked. */
const isLocked = (col: TemplateColumn) => col.derived === true || (col.key === true && col.field !== 'name');
/** A unit's name as people write it: 克什克腾旗委, 克什克腾旗 and 克什克腾旗党委 are one place. */
const unitKey = (v: unknown) => placeKey(v).replace(/([旗县区市盟])委$/, '$1');
/** Whether the file holds another text than ours in such a column (an empty cell is not a text typed over it). */
function typedOver(col: TemplateColumn, file: CellValue | undefined, held: CellValue): boolean {
  if (file === null || file === undefined || file === held || String(file).trim() === '') return false;
  return col.derived ? !sameNames(file, held) : unitKey(file) !== unitKey(held);
}
/** The file's text of a cell that could not be read (null when it was read). */
const textOf = (errors: readonly ImportCellDiff[], field: string): string | null => {
  const e = errors.find((x) => x.field === field);
  return e && e.raw !== null && e.raw !== undefined ? String(e.raw) : null;
};

export interface LedgerAnalysis {
  rows: ImportRowView[];
  missing: { ledgerId: number; name: string; township: string | null }[];
  /** A field's cell in the file for a row (A1): where the audit records say a value came from. */
  cellOf(sourceRow: number, field: string): string;
  /** A value as the file's column reads it (placeholders, the column's type and dictionary). */
  read(field: string, raw: RawCell): Parsed;
  /** What we hold of a matched row's field (the text of a value kept but not understood), and whether it is such a value. */
  held(ledgerId: number, field: string): { value: CellValue; invalid: boolean };
}

type Parsed = ReturnType<typeof parseFieldValue>;

/** A matched row's status from its cells. An error outranks a near name: accepting such a row confirms the match and overrides its errors at once. */
export function matchedStatus(row: ImportRowView): ImportRowView['status'] {
  const active = row.diffs.filter((d) => d.status !== 'kept');
  if (active.some((d) => d.status === 'error')) return 'error';
  if (row.match?.by === 'fuzzy') return 'fuzzy';
  if (active.some((d) => d.status === 'conflict')) return 'conflict';
  return active.length ? 'changed' : 'unchanged';
}

export { sameText };

/** Reads, matches and compares the ledger rows of one recognised sheet. */
export function analyseLedger(
  ctx: ServiceContext,
  sheet: RecognisedSheet,
  options: { year: number; dicts: DictEntry[]; auditMark: number | null; problems: ImportProblem[] },
): LedgerAnalysis {
  const { raw: rs, layout, tsheet } = sheet;
  const { problems } = options;
  const columns = [...layout.columns.fields].map(([index, field]) => ({ index, field, col: tsheet.columns.find((c) => c.field === field)! }));
  // What we hold is read as needed, not the whole year: the rows the file's ids name, and the
  // rows of the townships it names (a league's year is 100,000 rows; a returned file a few thousand).
  const rc = rowContext(ctx);
  const live = (r: LedgerRow) => r.year === options.year && r.deletedAt === null && (r.closedOn === null || r.closedOn >= `${options.year}-01-01`);
  const byId = new Map<number, LedgerRow>();
  const remember = (list: LedgerRow[]) => {
    for (const r of list) if (live(r)) byId.set(r.id, r);
    return list.filter(live);
  };
  const townships = [...rc.committees.values()].filter((c) => c.level === 'township');
  const townshipOf = (name: unknown) => {
    const k = placeKey(name);
    const hits = townships.filter((t) => placeKey(t.name) === k);
    return hits.length === 1 ? hits[0]! : null;
  };
  const heldIn = new Map<number, LedgerRow[]>();
  /** The rows held under a township (its ledger this year), read once. */
  const rowsOfTownship = (id: number) => {
    let list = heldIn.get(id);
    if (!list) {
      const scopePath = orgPath(ctx.conn.sqlite, id);
      heldIn.set(id, (list = scopePath ? remember(queryLedger(ctx.conn.sqlite, { year: options.year, scopePath }).map((r) => toLedgerRow(r, rc))) : []));
    }
    return list;
  };

  // Rows the layout left under the 合计, or read past blank rows: said.
  for (const { row: r, under } of layout.afterEnd) {
    const c = Math.max(0, (rs.rows[r] ?? []).findIndex((v) => v !== null && String(v).trim() !== ''));
    const where = under === '合计' ? '“合计”行之后' : '“填报人”“审核人”等落款之下';
    problems.push({ severity: 'warning', sheet: rs.name, cell: `${columnLetter(c)}${r + 1}`, message: `第 ${r + 1} 行在${where}，没有读入。如果是新增的党支部，请把它移到${under === '合计' ? '合计行' : '落款'}之上再导入。` });
  }
  if (layout.anotherTable !== null) {
    const r = layout.anotherTable;
    const c = Math.max(0, (rs.rows[r] ?? []).findIndex((v) => v !== null && String(v).trim() !== ''));
    problems.push({ severity: 'warning', sheet: rs.name, cell: `${columnLetter(c)}${r + 1}`, message: `第 ${r + 1} 行起表头重复出现，是另一张表，没有读入。请把它放到单独的工作表或文件中再导入。` });
  }
  for (const r of layout.afterGap) {
    problems.push({ severity: 'warning', sheet: rs.name, cell: `A${r + 1}`, message: `第 ${r + 1} 行之前隔着三行以上空行，其后的行也已读入，请核对它们是否属于这张表。` });
  }
  const readCell = (col: TemplateColumn, value: RawCell): Parsed => {
    const unreadable = cellProblem(value);
    if (unreadable) return { ok: false, message: unreadable };
    if (isPlaceholder(col, value, sheet.emptyAs)) return { ok: true, value: null };
    const def = ledgerColumnByField.get(col.field as LedgerField);
    if (!def) return { ok: true, value: value === null || value === '' ? null : typeof value === 'string' ? value.trim() : value };
    return parseFieldValue(def, value, options.dicts);
  };
  // Each value read once per column: offices repeat the same labels a thousand times.
  const memos = new Map(columns.map(({ field }) => [field, new Map<RawCell, Parsed>()]));
  const parse = (col: TemplateColumn, value: RawCell): Parsed => {
    if (value === null) return readCell(col, value);
    const memo = memos.get(col.field)!;
    let r = memo.get(value);
    if (!r) memo.set(value, (r = readCell(col, value)));
    return r;
  };
  const letterOf = new Map(columns.map((c) => [c.field, columnLetter(c.index)]));
  const cellOf = (sourceRow: number, field: string) => `${letterOf.get(field) ?? 'A'}${sourceRow}`;

  // One lookup for the ids in the file and those the manifest says were sent (for the missing ones).
  const uids = sheet.idColumn === null ? [] : layout.dataRows.map((r) => String(rs.rows[r]?.[sheet.idColumn!] ?? '').trim()).filter(Boolean);
  const byUid = new Map<string, { id: number; year: number; deleted: boolean }>();
  const ofYear: LedgerRow[] = [];
  for (const r of ledgerRowsByUid(ctx.conn.sqlite, [...new Set([...uids, ...(sheet.sent ?? []).map((s) => s.uid)])])) {
    byUid.set(r.uid, { id: r.id, year: r.year, deleted: r.deleted_at !== null });
    if (r.year === options.year && r.deleted_at === null) ofYear.push(toLedgerRow(r, rc));
  }
  remember(ofYear);
  // Rows without a usable id are found by name: under their township, or by exact name in the year.
  const unnamedTownship = sheet.idColumn === null || uids.length < layout.dataRows.length;
  const byExactName = new Map<string, LedgerRow[]>();
  if (unnamedTownship && ![...layout.columns.fields.values()].includes('township')) {
    const names = layout.dataRows.map((r) => {
      const i = [...layout.columns.fields].find(([, f]) => f === 'name')?.[0];
      return i === undefined ? '' : String(rs.rows[r]?.[i] ?? '').trim();
    });
    for (const r of remember(ledgerRowsByNames(ctx.conn.sqlite, options.year, [...new Set(names.filter(Boolean))]).map((x) => toLedgerRow(x, rc)))) {
      const k = nameKey(r.name);
      (byExactName.get(k) ?? byExactName.set(k, []).get(k)!).push(r);
    }
  }

  // A row copied whole (hidden id included) to add a branch carries its original's id:
  // an id found twice identifies neither row, both are matched by name.
  const idRows = new Map<string, number[]>();
  for (const r of layout.dataRows) {
    const id = sheet.idColumn === null ? '' : String(rs.rows[r]?.[sheet.idColumn] ?? '').trim();
    if (id) idRows.set(id, [...(idRows.get(id) ?? []), r + 1]);
  }
  const uidOf = (cells: RawCell[]) => {
    const id = sheet.idColumn === null ? '' : String(cells[sheet.idColumn] ?? '').trim();
    return id && idRows.get(id)!.length === 1 ? id : '';
  };
  // A returned export's row hashes, over the columns as written (not for a file of an older
  // template version whose columns are no longer all known).
  const written = (sheet.sentFields ?? []).map((f) => tsheet.columns.find((c) => c.field === f));
  const canHash = sheet.sentFields !== null && written.every((c) => c !== undefined);
  const hashed = canHash ? hashedColumns(written as TemplateColumn[]) : [];
  // Each sent row's hash, from the manifest (the hidden column beside a row can be copied or
  // overwritten with it; the manifest sheet is out of sight and reach).
  const sentHashOf = new Map((sheet.sent ?? []).map((x) => [byUid.get(x.uid)?.id, x.hash]));
  /**
   * Whether the unit left a sent row as it was: its values in the file still hash to what was
   * sent. A cell that cannot be read counts as its text (a red value goes out as typed).
   */
  const untouched = (values: Record<string, CellValue>, errors: ImportCellDiff[], ledgerId: number) =>
    canHash && rowHash(hashed.map((c) => sentCell(c, values[c.field], textOf(errors, c.field)))) === sentHashOf.get(ledgerId);
  const rows: ImportRowView[] = [];
  const seen = new Map<string, number>();
  /** Ledger rows matched so far, and the file row each was matched by. */
  const matched = new Map<number, number>();
  /** A branch listed twice with different values: the first listing waits too. */
  const twins: { first: number; second: number }[] = [];
  /** Cells of columns the file cannot change (联系领导, 旗县区, 苏木乡镇) whose text differs from what we hold. */
  const lockedDiffers: { field: string; cell: string }[] = [];
  let lastTownship: CellValue = null;
  /** Each cell that cannot be read, and its problem: withdrawn if the comparison finds it returned as sent. */
  const reported = new Map<ImportCellDiff, number>();
  /** Blank township cells read as the township above them. */
  const townshipFilled: string[] = [];
  for (const r of layout.dataRows) {
    const cells = rs.rows[r] ?? [];
    const sourceRow = r + 1;
    const values: Record<string, CellValue> = {};
    const errors: ImportCellDiff[] = [];
    const at = (field: string) => cellOf(sourceRow, field);
    for (const { index, field, col } of columns) {
      const raw = cells[index] ?? null;
      if (col.type === 'serial') {
        values[field] = typeof raw === 'number' ? raw : raw === null ? null : Number(raw) || null;
        continue;
      }
      const parsed = parse(col, raw);
      if (parsed.ok) values[field] = parsed.value;
      else {
        values[field] = null;
        // The cell as the file shows it (without the reader's mark of an unreadable one).
        const shown = typeof raw === 'string' && raw.startsWith(UNREADABLE) ? raw.slice(UNREADABLE.length) : raw;
        errors.push({ field, cell: at(field), status: 'error', raw: shown, value: null, current: null, sent: undefined, message: `${col.header}：${parsed.message}` });
      }
    }
    // A township written once over its branches, the cells below left blank (as a merge looks):
    // read as the township above, and said once below.
    if ('township' in values && values.township === null && values.name && lastTownship !== null && !errors.some((e) => e.field === 'township')) {
      values.township = lastTownship;
      townshipFilled.push(at('township'));
    }
    if (values.township) lastTownship = values.township;
    const messages: string[] = [];
    const name = values.name;
    const rawId = sheet.idColumn === null ? '' : String(cells[sheet.idColumn] ?? '').trim();
    if (rawId && !uidOf(cells)) {
      const others = idRows.get(rawId)!.filter((n) => n !== sourceRow);
      messages.push(`行标识与第 ${others.join('、')} 行相同，按名称匹配`);
      problems.push({ severity: 'warning', sheet: rs.name, cell: at('name'), message: `第 ${sourceRow} 行与第 ${others.join('、')} 行的隐藏行标识相同（可能整行复制后改写），这几行按乡镇和名称匹配，请核对。` });
    }
    if (!name) {
      problems.push({ severity: 'error', sheet: rs.name, cell: at('name'), message: '党组织名称为空，这一行无法导入。' });
      rows.push({ sheet: rs.name, sourceRow, status: 'error', match: null, parent: null, values, diffs: errors, messages: ['党组织名称为空'] });
      continue;
    }

    // A branch named twice in the file (by township and name) is caught before matching: the
    // second would find its branch taken and pass for a new one.
    const early = `${placeKey(township0(values))}|${nameKey(name)}`;
    /**
     * The second listing of a branch is not applied; when the two differ, neither is (which
     * would win? a stale copy above the right row is common): see `twins` below.
     */
    const listedTwice = (twice: number) => {
      const first = rows.find((x) => x.sourceRow === twice);
      const differ = first !== undefined && [...writable].some((f) => f in values && !same(values[f], first.values[f]));
      messages.push(`与第 ${twice} 行重复`);
      problems.push({
        severity: 'warning',
        sheet: rs.name,
        cell: at('name'),
        message: `“${String(name)}”在同一乡镇中出现了两次（第 ${twice} 行和第 ${sourceRow} 行）${differ ? '，两行内容不同，都未导入，请删去多余的一行' : `，第 ${sourceRow} 行未导入`}，请核对。`,
      });
      if (differ) twins.push({ first: twice, second: sourceRow });
      rows.push({ sheet: rs.name, sourceRow, status: 'error', match: null, parent: null, values, diffs: errors, messages });
    };
    if (!uidOf(cells) && seen.has(early)) {
      listedTwice(seen.get(early)!);
      continue;
    }

    // Match: the stable id, else township and name, else a near name to confirm.
    let match: ImportRowView['match'] = null;
    let current: LedgerRow | undefined;
    const uid = uidOf(cells);
    if (uid) {
      const hit = byUid.get(uid);
      if (hit && !hit.deleted && hit.year === options.year && byId.has(hit.id) && !matched.has(hit.id)) {
        current = byId.get(hit.id)!;
        match = { ledgerId: current.id, orgId: current.orgId, name: current.name, township: current.township, by: 'id' };
      } else if (hit?.deleted && hit.year === options.year) {
        // Deleted here. Brought back only when the person accepts it, and not offered at all
        // when the unit left the row as it was sent.
        seen.set(early, sourceRow);
        for (const e of errors) problems.push({ severity: 'error', sheet: rs.name, cell: e.cell, message: e.message! });
        if (untouched(values, errors, hit.id)) {
          rows.push({ sheet: rs.name, sourceRow, status: 'unchanged', match: null, parent: null, values, diffs: errors, messages: [...messages, '本地已删除这一行，报送单位未改动：保持删除'] });
        } else {
          messages.push('本地已删除这一行，报送单位却修改了它：接受这一行才会恢复它并填入文件中的值');
          problems.push({ severity: 'warning', sheet: rs.name, cell: at('name'), message: `“${String(name)}”的台账行在本地已删除，报送单位却修改了它。如需恢复，请在预览中接受这一行。` });
          rows.push({ sheet: rs.name, sourceRow, status: 'conflict', match: null, parent: null, restores: hit.id, values, diffs: errors, messages });
        }
        continue;
      } else if (hit) {
        problems.push({ severity: 'warning', sheet: rs.name, cell: at('name'), message: `“${String(name)}”来自 ${hit.year} 年台账，正在导入的是 ${options.year} 年，按名称匹配。` });
      }
    }
    const township = values.township ?? null;
    if (!match) {
      const place = township ? townshipOf(township) : null;
      const pool = place ? rowsOfTownship(place.id) : township ? [] : (byExactName.get(nameKey(name)) ?? []);
      const free = pool.filter((c) => !matched.has(c.id) && nameKey(c.name) === nameKey(name));
      if (free.length === 1) {
        current = free[0]!;
        match = { ledgerId: current.id, orgId: current.orgId, name: current.name, township: current.township, by: 'name' };
      } else if (free.length > 1) {
        messages.push(`有 ${free.length} 个同名党支部，请在文件中补上所属乡镇`);
        problems.push({ severity: 'error', sheet: rs.name, cell: at('name'), message: `“${String(name)}”在${township ? `“${String(township)}”` : '台账'}中有 ${free.length} 个同名党支部，无法确定是哪一个。请补上或改正所属乡镇（街道）。` });
        rows.push({ sheet: rs.name, sourceRow, status: 'error', match: null, parent: null, values, diffs: errors, messages });
        continue;
      } else {
        const near = pool.filter((h) => !matched.has(h.id) && similar(nameKey(h.name), nameKey(name)));
        if (near.length === 1) {
          current = near[0]!;
          match = { ledgerId: current.id, orgId: current.orgId, name: current.name, township: current.township, by: 'fuzzy' };
          messages.push(`名称与“${current.name}”相近，请确认是否同一党支部`);
          problems.push({ severity: 'warning', sheet: rs.name, cell: at('name'), message: `“${String(name)}”与台账中的“${current.name}”相近，确认是同一党支部后才会导入这一行。` });
        }
      }
    }
    // The same branch twice in one file, now that both are matched.
    const key = match?.by === 'id' ? `#${match.ledgerId}` : `${placeKey(township ?? current?.township)}|${nameKey(name)}`;
    const twice = seen.get(key);
    if (twice !== undefined) {
      listedTwice(twice);
      continue;
    }
    seen.set(key, sourceRow);
    // Also for a row matched by id: a copy of it without the hidden id is then caught as listed twice.
    seen.set(early, sourceRow);
    // A value kept here but not understood, returned as it was written: the unit did not touch it.
    const keptHere = (e: ImportCellDiff) => current?.invalid?.[e.field] !== undefined && sameText(e.raw, current.invalid[e.field]!.raw);
    const unchangedRed = new Set(errors.filter(keptHere).map((e) => e.field));
    // Shown as the file (and we) hold it: a blank would look as if the unit had emptied it.
    for (const e of errors) if (unchangedRed.has(e.field)) values[e.field] = String(e.raw);
    errors.splice(0, errors.length, ...errors.filter((e) => !unchangedRed.has(e.field)));
    for (const e of errors) reported.set(e, problems.push({ severity: 'error', sheet: rs.name, cell: e.cell, message: e.message! }) - 1);

    if (!match) {
      // A branch the file adds: under the township it names (or the only township of the file's unit).
      const place = township ? townshipOf(township) : null;
      const parent = place ? { id: place.id, name: place.name } : null;
      // A near name of a branch another row of the file was matched to: the same branch written twice, not a new one.
      const twin = place ? rowsOfTownship(place.id).find((h) => matched.has(h.id) && similar(nameKey(h.name), nameKey(name))) : undefined;
      if (twin) {
        const why = `与第 ${matched.get(twin.id)} 行的“${twin.name}”名称相近，可能是同一党支部填了两次，未作为新增`;
        messages.push(why);
        problems.push({ severity: 'error', sheet: rs.name, cell: at('name'), message: `“${String(name)}”${why}，请核对。` });
        rows.push({ sheet: rs.name, sourceRow, status: 'error', match: null, parent: null, values, diffs: errors, messages });
        continue;
      }
      const reuse = parent ? existingBranch(ctx.conn.sqlite, parent.id, String(name), options.year) : null;
      if (reuse?.ledger && !reuse.ledger.deletedAt) {
        // It is in this year's ledger, yet nothing in the file matched it (another row took it, by a near name).
        const why = `台账中已有“${String(name)}”（可能与文件中名称相近的另一行是同一党支部），未作为新增`;
        messages.push(why);
        problems.push({ severity: 'error', sheet: rs.name, cell: at('name'), message: `${why}，请核对。` });
        rows.push({ sheet: rs.name, sourceRow, status: 'error', match: null, parent: null, values, diffs: errors, messages });
        continue;
      }
      if (reuse?.ledger?.deletedAt) {
        messages.push(`${options.year} 年台账中的这一行已删除：接受这一行才会恢复它并填入文件中的值`);
        rows.push({ sheet: rs.name, sourceRow, status: 'conflict', match: null, parent: null, restores: reuse.ledger.id, values, diffs: errors, messages });
        continue;
      }
      if (reuse) messages.push(`组织机构中已有这个党支部、但 ${options.year} 年还没有它的台账行，提交时为它新建`);
      if (!parent) {
        const why = township ? `找不到乡镇（街道）“${String(township)}”` : '文件中没有“苏木乡镇（街道）”一列，无法确定新党支部的所属单位';
        messages.push(why);
        problems.push({ severity: 'error', sheet: rs.name, cell: letterOf.has('township') ? at('township') : at('name'), message: `新增的“${String(name)}”：${why}。` });
      }
      rows.push({ sheet: rs.name, sourceRow, status: errors.length || !parent ? 'error' : 'new', match: null, parent, values, diffs: errors, messages });
      continue;
    }
    matched.set(match.ledgerId, sourceRow);
    const heldOf = (field: string) => current!.invalid?.[field]?.raw ?? (current as unknown as Record<string, CellValue>)[field] ?? null;
    // An unreadable cell shows what we hold beside it (and an override is checked against it at commit).
    for (const e of errors) e.current = heldOf(e.field);
    const diffs: ImportCellDiff[] = [...errors];
    for (const { field, col } of columns) {
      if (isLocked(col) && !errors.some((e) => e.field === field) && typedOver(col, values[field], heldOf(field))) lockedDiffers.push({ field, cell: at(field) });
      if (!writable.has(field) && !(field === 'name' && match.by === 'id')) continue;
      if (col.derived || errors.some((e) => e.field === field)) continue;
      const cur = (current as unknown as Record<string, CellValue>)[field] ?? null;
      const invalid = current!.invalid?.[field];
      if (same(values[field], cur) && !invalid) continue;
      if (unchangedRed.has(field)) continue;
      const index = columns.find((c) => c.field === field)!.index;
      diffs.push({ field, cell: at(field), status: 'change', raw: cells[index] ?? null, value: values[field] ?? null, current: invalid ? invalid.raw : cur, sent: undefined });
    }
    rows.push({ sheet: rs.name, sourceRow, status: 'unchanged', match, parent: null, values, diffs, messages });
  }

  // Three ways, for a returned export of ours. A cell changed here since the export has its
  // value as sent in the audit log (the first old value after the batch's mark): the file
  // still holding it means the unit left it alone (kept), a third value is a conflict. A
  // cell not changed here since was sent as it is held, so the file's value is the unit's.
  if (sheet.sent && options.auditMark !== null) {
    // Rows matched by id, and rows matched by name whose ledger row was sent (its id cleared or copied in the file).
    const sentIds = new Set(sheet.sent.map((x) => byUid.get(x.uid)?.id).filter((id) => id !== undefined));
    const idRows = rows.filter((r) => r.match && (r.match.by === 'id' || sentIds.has(r.match.ledgerId)) && r.diffs.length > 0);
    const since = changesSince(
      ctx.conn.sqlite,
      options.auditMark,
      idRows.flatMap((r) => [{ entity: 'branch_ledger', rowId: r.match!.ledgerId }, { entity: 'org', rowId: r.match!.orgId }]),
    );
    const firstOld = new Map<string, CellValue>();
    for (const c of since) {
      const k = `${c.entity}:${c.row_id}:${c.field}`;
      if (firstOld.has(k)) continue;
      const old = c.old_value === null ? null : (JSON.parse(c.old_value) as unknown);
      // A value kept but not understood was written to the file as its text.
      firstOld.set(k, typeof old === 'object' && old !== null ? ((old as { invalid?: string }).invalid ?? null) : (old as CellValue));
    }
    const keyOf = (row: ImportRowView, field: string) => (orgFields.has(field) ? `org:${row.match!.orgId}:${field}` : `branch_ledger:${row.match!.ledgerId}:${field}`);
    // The row's hash in the file vouches for the whole row as sent (shown as 报送前 in the preview).
    for (const row of idRows) {
      const heldRow = byId.get(row.match!.ledgerId)!;
      const held = heldRow as unknown as Record<string, CellValue>;
      const sentOf = (field: string) => {
        const k = keyOf(row, field);
        return firstOld.has(k) ? firstOld.get(k)! : (heldRow.invalid?.[field]?.raw ?? held[field] ?? null);
      };
      const vouched = canHash && rowHash(hashed.map((c) => sentValue(c, sentOf(c.field)))) === sentHashOf.get(row.match!.ledgerId);
      for (const d of row.diffs) {
        const k = keyOf(row, d.field);
        if (d.status === 'error') {
          // Returned as it was sent, though changed here since: the unit left it, ours stands.
          if (firstOld.has(k) && sameText(d.raw, firstOld.get(k))) {
            Object.assign(d, { status: 'kept', sent: firstOld.get(k) });
            row.values[d.field] = String(d.raw);
          }
          continue;
        }
        if (firstOld.has(k)) {
          d.sent = firstOld.get(k)!;
          if (same(d.value, d.sent)) d.status = 'kept';
          else if (!same(d.current, d.sent)) d.status = 'conflict';
        } else if (vouched) {
          d.sent = d.current;
        }
      }
    }
  }

  // Columns the file cannot change are not written, and a text typed over them is said, with its cells:
  // 联系领导 comes from the liaison points; 旗县区 and 苏木乡镇 say where a branch is in the tree.
  // (In our exports they are locked, but the sheet's protection has no password.)
  for (const { col } of columns.filter((c) => isLocked(c.col))) {
    const cells = lockedDiffers.filter((d) => d.field === col.field).map((d) => d.cell);
    if (!cells.length) continue;
    const listed = `文件中有 ${cells.length} 行与台账不同（${cells.slice(0, 5).join('、')}${cells.length > 5 ? ' 等' : ''}）`;
    const message = col.derived
      ? `“${col.header}”由党建工作联系点生成，不从文件导入。${listed}${sheet.sent ? '，可能是报送单位改写了这一锁定列，也可能是导出后本机调整了联系点' : ''}；如需调整请在“党建工作联系点”中修改。`
      : `“${col.header}”标明党支部所属的单位，不从文件修改。${listed}${sheet.sent ? '，是报送单位改写了这一锁定列' : ''}；如党支部确已改属其他单位，请在“组织机构”中移动它。`;
    problems.push({ severity: 'warning', sheet: rs.name, cell: cells[0]!, message });
  }

  const withdrawn = new Set([...reported].filter(([e]) => e.status !== 'error').map(([, i]) => i));
  if (withdrawn.size) problems.splice(0, problems.length, ...problems.filter((_, i) => !withdrawn.has(i)));
  for (const row of rows) {
    if (row.status !== 'unchanged') continue;
    row.status = matchedStatus(row);
    for (const d of row.diffs) {
      if (d.status !== 'conflict') continue;
      const col = tsheet.columns.find((c) => c.field === d.field);
      const show = (v: CellValue | null | undefined) => shownValue(col, v, options.dicts);
      problems.push({ severity: 'warning', sheet: rs.name, cell: d.cell, message: `${col?.header ?? d.field}：导出后本地改为“${show(d.current)}”，报送单位改为“${show(d.value)}”，请选择保留哪一个。` });
    }
  }

  if (townshipFilled.length) {
    problems.push({
      severity: 'warning',
      sheet: rs.name,
      cell: townshipFilled[0]!,
      message: `“苏木乡镇（街道）”有 ${townshipFilled.length} 个空白单元格（${townshipFilled.slice(0, 5).join('、')}${townshipFilled.length > 5 ? ' 等' : ''}），按其上方最近的乡镇读取，请核对。`,
    });
  }
  for (const { first, second } of twins) {
    const row = rows.find((x) => x.sourceRow === first);
    if (!row || row.status === 'error') continue;
    row.status = 'error';
    row.messages.push(`与第 ${second} 行重复且内容不同，未导入`);
  }

  // Missing: rows sent and not returned; for a hand-made file, rows of its townships it does not list.
  let missing: LedgerRow[];
  if (sheet.sent) {
    const returned = new Set(rows.map((r) => r.match?.ledgerId));
    missing = sheet.sent
      .map((s) => byUid.get(s.uid))
      .map((h) => (h ? byId.get(h.id) : undefined))
      .filter((r): r is LedgerRow => r !== undefined && !returned.has(r.id));
  } else {
    missing = [...heldIn.values()].flat().filter((h) => !matched.has(h.id));
  }
  const columnOf = new Map(columns.map((c) => [c.field, c.col]));
  return {
    rows,
    missing: missing.map((m) => ({ ledgerId: m.id, name: m.name, township: m.township })),
    cellOf,
    read: (field, raw) => readCell(columnOf.get(field)!, raw),
    held: (ledgerId, field) => {
      const r = byId.get(ledgerId)!;
      const invalid = r.invalid?.[field];
      return invalid ? { value: invalid.raw, invalid: true } : { value: (r as unknown as Record<string, CellValue>)[field] ?? null, invalid: false };
    },
  };
}

