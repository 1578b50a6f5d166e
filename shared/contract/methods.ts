/**
 * The one map of what the UI (or the CLI, or a test) may ask of the core.
 * Each method: a zod schema for its arguments (validated by the core at the
 * boundary) and a phantom result type (what the caller gets back).
 * Later capabilities add entries here, then a handler in electron/core.
 */
import { z } from 'zod';
import type { AppInfo, DictEntry, OrgChildren, StatsSummary } from './types.ts';

interface MethodDef<A extends z.ZodType, R> {
  args: A;
  /** Never read at run time; carries the result type. */
  result: R;
}

function method<A extends z.ZodType>(args: A) {
  return { returns: <R>(): MethodDef<A, R> => ({ args, result: undefined as R }) };
}

const year = z.number().int().min(1949).max(2100);
const id = z.number().int().positive();

export const methods = {
  'app.info': method(z.object({}).strict()).returns<AppInfo>(),

  'org.children': method(
    z
      .object({
        parentId: id.nullable(),
        year: year.optional(),
        includeClosed: z.boolean().optional(),
      })
      .strict(),
  ).returns<OrgChildren>(),

  'dict.list': method(z.object({ dict: z.string().min(1).max(40).optional() }).strict()).returns<DictEntry[]>(),

  'stats.summary': method(z.object({ year: year.optional() }).strict()).returns<StatsSummary>(),
} as const;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type MethodArgs<M extends MethodName> = z.input<Methods[M]['args']>;
export type ParsedArgs<M extends MethodName> = z.output<Methods[M]['args']>;
export type MethodResult<M extends MethodName> = Methods[M]['result'];

export const methodNames = Object.keys(methods) as MethodName[];

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(methods, name);
}
