/**
 * Values mapped once. An office writes its dictionary columns its own way (否, 旗县级‘最强党支部’,
 * 一类): a value the dictionary does not know is one question with its count and cells, not
 * one error per cell. The person says which entry it means (or that it is none of them: then it
 * is kept as written, red, as before); the choice applies to every cell holding it, read and
 * compared again as a corrected cell is, and is kept as a synonym of the entry for the next file.
 */
import { AppError } from '../../../../shared/contract/errors.ts';
import type { ImportPreview, ImportProblemView, ImportUnknownValue, ImportValueChoice } from '../../../../shared/contract/types.ts';
import { defaultDictionaries } from '../../../../shared/domain/defaults.ts';
import { dictKey, NOT_IN_DICT } from '../../../../shared/domain/normalize.ts';
import { writableFields } from '../../../../shared/domain/returns.ts';
import { listDictEntriesSync } from '../../repos/dicts.ts';
import type { ServiceContext } from '../context.ts';
import { saveDict } from '../settings/index.ts';
import { someCells } from './checks.ts';
import { reviseCells } from './revise.ts';
import { countOf, sessionOrThrow } from './sessions.ts';

/** The one problem each unknown value is told by (made here, so a regrouping can take it back). */
const grouped = new WeakSet<ImportProblemView>();
/** Values a person left as not understood, per preview: `dict\0key`. */
const keptOf = new WeakMap<ImportPreview, Set<string>>();

const valueKey = (dict: string, value: unknown) => `${dict}\u0000${dictKey(value)}`;

/**
 * Lists the unknown values of the preview's dictionary columns, each once, and puts one problem
 * per value in place of one per cell. Idempotent: run again after any change to the rows.
 */
export function groupUnknownValues(preview: ImportPreview): void {
  const kept = keptOf.get(preview) ?? new Set<string>();
  // Only columns the file may write: a value in a column it cannot change (derived, locked) is said, never mapped.
  const columnsOf = new Map(preview.sheets.map((s) => [s.name, new Map(s.columns.filter((c) => c.field !== null && writableFields(s.source).has(c.field)).map((c) => [c.field!, c]))]));
  const groups = new Map<string, ImportUnknownValue & { messages: Set<string> }>();
  for (const row of preview.rows) {
    for (const d of row.diffs) {
      if (d.status !== 'error' || d.raw === null || !d.message?.includes(NOT_IN_DICT)) continue;
      const column = columnsOf.get(row.sheet)?.get(d.field);
      if (!column?.dict) continue;
      const key = `${row.sheet}\u0000${d.field}\u0000${dictKey(d.raw)}`;
      let g = groups.get(key);
      if (!g) {
        g = { sheet: row.sheet, field: d.field, header: column.header, dict: column.dict, value: String(d.raw).trim(), count: 0, cells: [], kept: kept.has(valueKey(column.dict, d.raw)), messages: new Set() };
        groups.set(key, g);
      }
      g.count++;
      g.cells.push(d.cell);
      g.messages.add(`${row.sheet}!${d.cell}\u0000${d.message}`);
    }
  }
  const told = new Set([...groups.values()].flatMap((g) => [...g.messages]));
  const problems = preview.problems.filter((p) => !grouped.has(p) && !(p.severity === 'error' && told.has(`${p.sheet}!${p.cell}\u0000${p.message}`)));
  for (const g of groups.values()) {
    const title = defaultDictionaries[g.dict]?.title ?? g.header;
    const where = `共 ${g.count} 个单元格（${someCells(g.cells)}）`;
    const message = g.kept
      ? `“${g.header}”中的“${g.value}”已确认不是“${title}”中的任何一项，${where}：接受所在的行时按原文写入并标红。`
      : `“${g.header}”中的“${g.value}”不是“${title}”中的选项，${where}。请在“核对取值”中选择它对应的选项（选择一次，所有这些单元格都按它读取），或保留原文。`;
    const problem: ImportProblemView = { severity: 'error', sheet: g.sheet, cell: g.cells[0]!, message };
    grouped.add(problem);
    problems.push(problem);
  }
  preview.problems = problems;
  preview.unknownValues = [...groups.values()].map(({ messages: _, ...v }) => v);
  preview.counts = countOf(preview.rows, preview.counts.missing, preview.problems);
}

/**
 * Applies what the person said the values mean: every cell holding a value is read again as the
 * entry's label and compared again; a remembered value becomes a synonym of the entry, through
 * the dictionary's own rules (a label or synonym of another entry is refused) and audited.
 * All choices are checked before anything changes.
 */
export function mapValues(ctx: ServiceContext, args: { sessionId: string; choices: ImportValueChoice[] }): ImportPreview {
  const session = sessionOrThrow(ctx, args.sessionId);
  const { preview } = session;
  const entries = listDictEntriesSync(ctx.conn.sqlite);
  const listed = new Map(preview.unknownValues.map((v) => [valueKey(v.dict, v.value), v]));
  const planned = args.choices.map((choice) => {
    const title = defaultDictionaries[choice.dict]?.title ?? choice.dict;
    if (!listed.has(valueKey(choice.dict, choice.value))) throw new AppError('NOT_FOUND', `“${choice.value}”不是这个文件中“${title}”待确认的取值（可能已经确认过），没有做任何改动。`);
    const entry = choice.code === null ? null : entries.find((e) => e.dict === choice.dict && e.code === choice.code);
    if (choice.code !== null && (!entry || !entry.active)) throw new AppError('INVALID_ARGS', `“${title}”中没有代码为“${choice.code}”的可用选项，没有做任何改动。`);
    return { choice, entry };
  });

  ctx.conn.writeTransaction(() => {
    for (const { choice, entry } of planned) {
      if (!entry || !choice.remember) continue;
      const synonym = choice.value.trim();
      if (entry.synonyms.some((s) => dictKey(s) === dictKey(synonym))) continue;
      saveDict(ctx, { dict: entry.dict, code: entry.code, label: entry.label, synonyms: [...entry.synonyms, synonym], active: entry.active });
      entry.synonyms = [...entry.synonyms, synonym];
    }
  })();

  const kept = keptOf.get(preview) ?? new Set<string>();
  keptOf.set(preview, kept);
  const fixes: { sheet: string; sourceRow: number; field: string; value: string }[] = [];
  for (const { choice, entry } of planned) {
    const key = valueKey(choice.dict, choice.value);
    if (!entry) {
      kept.add(key);
      continue;
    }
    kept.delete(key);
    for (const v of preview.unknownValues) {
      if (valueKey(v.dict, v.value) !== key) continue;
      const rows = new Set(v.cells);
      for (const row of preview.rows) {
        if (row.sheet !== v.sheet) continue;
        const d = row.diffs.find((x) => x.field === v.field && x.status === 'error' && rows.has(x.cell));
        if (d) fixes.push({ sheet: row.sheet, sourceRow: row.sourceRow, field: v.field, value: entry.label });
      }
    }
  }
  reviseCells(ctx, session, fixes);
  groupUnknownValues(preview);
  return preview;
}

