/**
 * A refused call, told in Chinese: which value (by its Chinese name) and what is wrong
 * with it, never zod's English. Bounded whatever was sent: the first few problems in
 * the message, the first twenty in `details`, echoed keys cut short, so a million
 * unknown keys make a reply of a few hundred bytes.
 */
import type { z } from 'zod';
import { ledgerColumns } from '../domain/ledger.ts';
import { recordField, recordTableNames, type RecordTable } from '../domain/records.ts';
import { argLabel, methodTitles } from './labels.ts';
import type { MethodName } from './methods.ts';

/** Problems named in the message; the rest are counted. */
const inMessage = 3;
/** Problems listed in `details`. */
const inDetails = 20;

const typeNames: Record<string, string> = {
  string: '文字',
  number: '数字',
  int: '整数',
  boolean: '“是/否”',
  null: '空值',
  object: '一组值',
  record: '一组值',
  array: '列表',
};

/** A caller's text shown back: short, and with what cannot be seen made visible. */
export function clip(text: string, max = 20): string {
  const chars = [...text];
  const shown = chars.slice(0, max).join('').replace(/[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}]/gu, '□');
  return chars.length > max ? `${shown}…` : shown;
}

function sizeWords(origin: string): { unit: string; empty: string } | null {
  if (origin === 'string') return { unit: '个字', empty: '不能为空' };
  if (origin === 'array' || origin === 'set') return { unit: '项', empty: '至少要有 1 项' };
  if (origin === 'file') return { unit: '字节', empty: '不能为空' };
  return null;
}

/**
 * What is wrong with one value, as a predicate to follow its name (“年度” + “不能小于 1949”).
 * Given to zod per parse, so schemas keep their own (Chinese) messages where they have them.
 */
export const chineseIssue = (issue: z.core.$ZodRawIssue): string => {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return '没有填写';
      if (typeof issue.input === 'number' && !Number.isFinite(issue.input) && (issue.expected === 'number' || issue.expected === 'int')) return '应为有限的数字';
      return `应为${typeNames[issue.expected] ?? '其他类型的值'}`;
    case 'too_small': {
      const size = sizeWords(issue.origin);
      const min = Number(issue.minimum);
      if (size) return min <= 1 ? size.empty : `至少要有 ${min} ${size.unit}`;
      return issue.inclusive ? `不能小于 ${min}` : `应大于 ${min}`;
    }
    case 'too_big': {
      const size = sizeWords(issue.origin);
      const max = Number(issue.maximum);
      if (size) return `不能超过 ${max} ${size.unit}`;
      if (max >= Number.MAX_SAFE_INTEGER) return '数字太大';
      return issue.inclusive ? `不能大于 ${max}` : `应小于 ${max}`;
    }
    case 'invalid_format':
      return issue.format === 'uuid' || issue.format === 'guid' ? '不是有效的编号' : '格式不正确';
    case 'not_multiple_of':
      return `应为 ${issue.divisor} 的倍数`;
    case 'invalid_value':
      return '不是可选的值';
    case 'unrecognized_keys': {
      const shown = issue.keys.slice(0, inMessage).map((k) => clip(k)).join('、');
      return `含有不认识的字段 ${shown}${issue.keys.length > inMessage ? ` 等 ${issue.keys.length} 个` : ''}`;
    }
    case 'invalid_key':
      return issue.issues[0]?.message ?? '名称不正确';
    case 'invalid_element':
      return '含有不正确的值';
    case 'invalid_union': {
      if (issue.input === undefined) return '没有填写';
      const branches = issue.errors.map((e) => (e.length === 1 && e[0]!.code === 'invalid_type' ? e[0]!.expected : null));
      if (branches.length > 0 && branches.every((b) => b !== null)) {
        const names = [...new Set(branches.map((b) => typeNames[b!] ?? '其他类型的值'))];
        return `应为${names.length > 1 ? `${names.slice(0, -1).join('、')}或${names[names.length - 1]}` : names[0]}`;
      }
      // One branch of the right type refused the value for its own reason: that reason.
      return issue.errors.flat().find((e) => e.code !== 'invalid_type')?.message ?? '不正确';
    }
    default:
      return '不正确';
  }
};

/** The Chinese name of the place `path` points to in the arguments (“修改第 4 项（书记）的值”). */
export function placeOf(method: MethodName, path: readonly PropertyKey[], input: unknown): string {
  const parts: string[] = [];
  const keys: string[] = [];
  let at: unknown = input;
  const table = tableOf(input);
  for (const segment of path) {
    const next = at !== null && typeof at === 'object' ? (at as Record<PropertyKey, unknown>)[segment as string] : undefined;
    if (typeof segment === 'number') {
      const column = columnOf(method, table, next);
      const item = `第 ${segment + 1} 项${column ? `（${column}）` : ''}`;
      if (parts.length) parts[parts.length - 1] += item;
      else parts.push(item);
    } else {
      const key = String(segment);
      // records.add: a row's keys are the columns of the chosen table.
      const label =
        method === 'records.add' && keys.length === 1 && keys[0] === 'rows'
          ? (table && recordField(table, key)?.label) || `“${clip(key)}”列`
          : argLabel(method, [...keys, key]) ?? `“${clip(key)}”`;
      keys.push(key);
      if (label) parts.push(label);
    }
    at = next;
  }
  return parts.join('的') || '参数';
}

function tableOf(input: unknown): RecordTable | undefined {
  const table = input !== null && typeof input === 'object' ? (input as { table?: unknown }).table : undefined;
  return (recordTableNames as readonly unknown[]).includes(table) ? (table as RecordTable) : undefined;
}

/** The column an item of `changes` is about, by its label (an import's template is not known here). */
function columnOf(method: MethodName, table: RecordTable | undefined, item: unknown): string | undefined {
  const field = item !== null && typeof item === 'object' ? (item as { field?: unknown }).field : undefined;
  if (typeof field !== 'string') return undefined;
  if (method === 'ledger.edit') return ledgerColumns.find((c) => c.field === field)?.label;
  if (method === 'records.edit' && table) return recordField(table, field)?.label;
  return undefined;
}

export interface InvalidArgs {
  message: string;
  /** count: the places found wrong; issues: the first twenty of them. */
  details: { method: MethodName; count: number; issues: { path: string; message: string }[] };
}

/** The refusal of a call whose arguments do not fit its schema. */
export function describeInvalidArgs(method: MethodName, issues: readonly z.core.$ZodIssue[], input: unknown): InvalidArgs {
  // One problem per place: 2^60 as a year is "too big", not also "after 2100".
  const seen = new Set<string>();
  const first: z.core.$ZodIssue[] = [];
  for (const issue of issues) {
    const where = issue.path.map(String).join('\u0001');
    if (seen.has(where)) continue;
    seen.add(where);
    if (first.length < inDetails) first.push(issue);
  }
  const told = first.map((i) => `${placeOf(method, i.path, input)}${clip(i.message, 120)}`);
  const more = seen.size - Math.min(inMessage, told.length);
  const message = `“${methodTitles[method]}”的参数不正确：${told.slice(0, inMessage).join('；')}${more > 0 ? `；另有 ${more} 处` : ''}。`;
  return {
    message,
    details: {
      method,
      count: seen.size,
      issues: first.map((i, n) => ({ path: clip(i.path.map(String).join('.'), 120), message: told[n]! })),
    },
  };
}
