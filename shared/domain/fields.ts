/**
 * A column of any table staff keep (the ledger, leaders, liaison points, work
 * records, projects, problems, evaluations): one definition used by the grid
 * (editors, validation marks), the core (parsing and checking every edit), and the
 * official export and import templates.
 */
import type { DictEntry } from '../contract/types.ts';
import { hiddenCharacter, hiddenCharacterMessage } from './names.ts';
import { parseDate, parseDecimal, parseFlag, parseInteger, parsePhone, parseText, resolveDict, type Parsed } from './normalize.ts';

export type ValueType = 'text' | 'integer' | 'decimal' | 'date' | 'flag' | 'dict' | 'phone' | 'ref';

/** What a `ref` column points to; the value is that record's id. */
export type RefKind = 'leader' | 'branch' | 'committee' | 'org' | 'liaison';

export interface FieldDef<F extends string = string> {
  field: F;
  label: string;
  type: ValueType;
  /** For 'dict': the dictionary whose codes the column holds. */
  dict?: string;
  /** For 'dict': the only entries its dropdown offers (a branch's kind is 党支部 or 党总支 of all the kinds). */
  offered?: readonly string[];
  /** For 'ref': what the id points to; the grid shows the field named by `display`. */
  ref?: RefKind;
  display?: string;
  /** Editable in the grid. Refs are chosen in dialogs with pickers, never typed. */
  editable: boolean;
  required?: boolean;
  width: number;
  /** Summed in the totals row and the 合计 row of exports. */
  summed?: boolean;
  /** Longest text accepted (default 100). */
  maxLength?: number;
  /** Decimal places kept for 'decimal'. */
  scale?: number;
  /** Largest number accepted (default: 9,999,999 for whole numbers, 999,999,999 for decimals). */
  max?: number;
  /** Computed by the core (counters, names of what a ref points to); never written. */
  derived?: boolean;
  /** For 'date': a month alone (2024年3月) is a value of its own, kept as YYYY-MM (no day is made up). */
  month?: boolean;
  /** For 'text': a person's name (or names). The spaces offices type to line up a two-character name (王  刚) are not part of it: 王刚 is found. */
  person?: boolean;

  // ---- Where the value lives. Queries, the year copy and the import's writable set are
  // derived from these facts (electron/core/repos/tableSql.ts), never written out again.
  /** Stored on the row's organisation (a branch's name, kind and field), not on the row itself. */
  on?: 'row' | 'org';
  /** The SQL column, when it is not the field's name in snake case. */
  column?: string;
  /** Identifies the row (a branch's name): an import matches rows by it and writes it only to a row matched by its id. */
  key?: boolean;
  /** Belongs to its year alone (a year's notes): "copy last year" leaves it empty. */
  yearly?: boolean;
}

/** The SQL column a stored field lives in: its own `column`, else its name in snake case (membersFormal → members_formal). */
export function storedColumn(f: Pick<FieldDef, 'field' | 'column'>): string {
  return f.column ?? f.field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** A field with a column of its own (not computed by the core). */
export function isStored(f: Pick<FieldDef, 'derived'>): boolean {
  return f.derived !== true;
}

/** A field an import writes and the import preview lets a person correct: typed by people, not a key, not a picked ref. */
export function isImportable(f: Pick<FieldDef, 'editable' | 'derived' | 'key' | 'type'>): boolean {
  return f.editable && f.derived !== true && f.key !== true && f.type !== 'ref';
}

/** The TypeScript type of a column's value, as the contract carries it. */
type ValueOf<C extends FieldDef> = C['type'] extends 'integer' | 'decimal' | 'ref' ? number : C['type'] extends 'flag' ? boolean : string;

/**
 * A row's values typed from its column definitions (declared `as const`): the contract's
 * row types are derived from the definitions, so a column is declared once.
 */
export type RowValues<Cs extends readonly FieldDef[]> = {
  -readonly [C in Cs[number] as C['field']]: C extends { required: true } ? ValueOf<C> : ValueOf<C> | null;
};

export type CellValue = string | number | boolean | null;

/** A text long enough to hold paragraphs (notes, measures): edited in a text area, its line breaks kept. */
export function isLongText(column: Pick<FieldDef, 'type' | 'maxLength'>): boolean {
  return column.type === 'text' && (column.maxLength ?? 100) > 200;
}

/** Parses what was typed or pasted into the column's value, or says in Chinese why it cannot. */
export function parseFieldValue(column: FieldDef, input: unknown, dicts: readonly DictEntry[]): Parsed<CellValue> {
  let parsed: Parsed<CellValue>;
  switch (column.type) {
    case 'integer':
      parsed = parseInteger(input, { min: 0, max: column.max ?? 9_999_999 });
      break;
    case 'decimal':
      parsed = parseDecimal(input, { min: 0, max: column.max ?? 999_999_999, scale: column.scale ?? 2 });
      break;
    case 'date':
      parsed = parseDate(input, { month: column.month ?? false });
      break;
    case 'flag':
      parsed = parseFlag(input);
      break;
    case 'dict':
      parsed = resolveDict(dicts, column.dict!, input);
      break;
    case 'phone':
      parsed = parsePhone(input);
      break;
    case 'ref':
      parsed = typeof input === 'number' && Number.isInteger(input) && input > 0 ? { ok: true, value: input } : input === null ? { ok: true, value: null } : { ok: false, message: '请从列表中选择' };
      break;
    default:
      parsed = parseText(input, column.maxLength ?? 100, isLongText(column));
      if (column.person && parsed.ok && parsed.value !== null) parsed = { ok: true, value: withoutNameSpaces(String(parsed.value)) };
      // A name is what a unit or a person is found and told apart by: nothing in it may be invisible.
      if (parsed.ok && parsed.value !== null && column.field === 'name') {
        const hidden = hiddenCharacter(String(parsed.value));
        if (hidden) parsed = { ok: false, message: hiddenCharacterMessage(hidden) };
      }
  }
  if (parsed.ok && parsed.value === null && column.required) return { ok: false, message: `${column.label}不能为空` };
  return parsed;
}

/** A value as a person reads it in a message: 是/否, a dictionary's label, （空）. */
export function shownValue(column: { type: string; dict?: string | undefined } | undefined, v: unknown, dicts: readonly DictEntry[]): string {
  if (v === null || v === undefined || v === '') return '（空）';
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (column?.type === 'dict') return dicts.find((d) => d.dict === column.dict && d.code === v)?.label ?? String(v);
  return String(v);
}

export function fieldMap<F extends string>(fields: readonly FieldDef<F>[]): Map<F, FieldDef<F>> {
  return new Map(fields.map((f) => [f.field, f]));
}

/** 王  刚 → 王刚: a space between two Chinese characters of a name is layout, not a letter of it (李四、王五 and Latin names keep theirs). */
export function withoutNameSpaces(text: string): string {
  return text.replace(/(?<=[\u3400-\u9fff])\s+(?=[\u3400-\u9fff])/g, '');
}
