/**
 * What a replace would write, worked out before anything is sent: each hit's new text, checked by
 * the column's own rules (the ones the core parses a typed value with), so that a replacement one
 * cell cannot take refuses the whole replace, naming that cell, instead of writing half of it; and
 * where the column reads the new text as another value (一般 is the 等次 dictionary's word for 中间,
 * as when typed), what it stores, so that the replace's message can say so.
 */
import type { CellValue } from '../../../../shared/domain/fields.ts';
import type { Parsed } from '../../../../shared/domain/normalize.ts';
import type { CellChange } from '../cellChanges.ts';
import type { HitCell, Matcher } from './match.ts';

export interface ReplaceTarget<T> extends HitCell {
  row: T;
  /** The cell's text as find saw it. */
  text: string;
  /** Where it is, for a person: 第 5 行（新华村党支部）“正式党员（名）”. */
  where: string;
  header: string;
  editable: boolean;
  /** The column's parser (from columns.ts); undefined for a column the grid cannot parse (the core will). */
  parse?: (text: string) => Parsed<CellValue>;
  /** A parsed value as the cell will show it (a dictionary's label, 是/否); with `parse`. */
  shown?: (value: CellValue) => string;
}

/** A new text its column reads as another value: “一般” in “等次” is stored as 中间. */
export interface Reading {
  header: string;
  text: string;
  shown: string;
}

export interface Refusal extends HitCell {
  where: string;
  message: string;
}

export interface ReplacePlan<T> {
  changes: CellChange<T>[];
  /** Read-only columns the hits were in, with how many hits each: skipped. */
  readOnly: Map<string, number>;
  /** Cells whose new text their column would not take: with any, nothing is written. */
  refused: Refusal[];
  /** The new texts stored as another value, each once. */
  readings: Reading[];
}

export function planReplace<T>(targets: readonly ReplaceTarget<T>[], m: Matcher, by: string): ReplacePlan<T> {
  const plan: ReplacePlan<T> = { changes: [], readOnly: new Map(), refused: [], readings: [] };
  const seen = new Set<string>();
  for (const t of targets) {
    if (!t.editable) {
      plan.readOnly.set(t.header, (plan.readOnly.get(t.header) ?? 0) + 1);
      continue;
    }
    const text = m.replace(t.text, by);
    if (text === t.text) continue;
    const parsed = t.parse?.(text);
    if (parsed && !parsed.ok) {
      plan.refused.push({ rowId: t.rowId, colId: t.colId, where: t.where, message: parsed.message });
      continue;
    }
    plan.changes.push({ row: t.row, colId: t.colId, value: text });
    const reading = parsed && t.shown ? readingOf(t.header, text, parsed, t.shown) : null;
    const key = reading ? `${reading.header}\u0000${reading.text}` : '';
    if (reading && !seen.has(key)) {
      seen.add(key);
      plan.readings.push(reading);
    }
  }
  return plan;
}

/** How the column reads a new text, when it is not the text itself (a blank stays a blank). */
export function readingOf(header: string, text: string, parsed: Parsed<CellValue>, shown: (value: CellValue) => string): Reading | null {
  if (!parsed.ok || parsed.value === null) return null;
  const as = shown(parsed.value);
  return as === text ? null : { header, text, shown: as };
}

/** How many refusals a message names one by one; the rest are counted. */
const NAMED = 3;

/** Why a replace wrote nothing, in Chinese: each refused cell with the column's reason. */
export function refusalMessage(refused: readonly Refusal[]): string {
  const named = refused.slice(0, NAMED).map((r) => `${r.where}：${r.message}`);
  const more = refused.length > NAMED ? `；另有 ${refused.length - NAMED} 处` : '';
  return `替换后有 ${refused.length} 处不是这一列能填的值，全部未替换：${named.join('；')}${more}。请修改“替换为”的内容，或缩小范围后再试。`;
}

/**
 * What a replace stored where a column read the new text as another value, in Chinese; empty when
 * none did: “一般”在“等次”中读作“中间”，已按“中间”保存。
 */
export function readingMessage(readings: readonly Reading[], done = true): string {
  if (readings.length === 0) return '';
  const named = readings.slice(0, NAMED).map((r) => `“${r.text}”在“${r.header}”中读作“${r.shown}”`);
  const more = readings.length > NAMED ? `等 ${readings.length} 种写法` : '';
  const stored = readings.length === 1 ? `按“${readings[0]!.shown}”保存` : '按读作的值保存';
  return `${named.join('；')}${more}，${done ? '已' : '将'}${stored}。`;
}

/** The read-only columns a replace skipped, in Chinese; empty when there were none. */
export function readOnlyMessage(readOnly: ReadonlyMap<string, number>): string {
  if (readOnly.size === 0) return '';
  return `${[...readOnly].map(([header, n]) => `“${header}”${n} 处`).join('、')}是只读列，已跳过。`;
}
