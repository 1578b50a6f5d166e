/**
 * Dictionaries and settings: they decide how every value is read and judged (一般 → 中间,
 * the years after which a term change is overdue, the liaison rules), so their changes
 * are checked and audited like data.
 */
import { randomUUID } from 'node:crypto';
import { AppError } from '../../../../shared/contract/errors.ts';
import type { ParsedArgs } from '../../../../shared/contract/methods.ts';
import type { DictEntry, Settings } from '../../../../shared/contract/types.ts';
import { listDictEntriesSync, saveDictEntry } from '../../repos/dicts.ts';
import { setSetting } from '../../repos/settings.ts';
import type { ServiceContext } from '../context.ts';
import { loadSettings } from '../ledger/checks.ts';
import { liaisonRulesKey } from '../liaison/index.ts';

/** Adds or changes a dictionary entry; a label or synonym another entry has is refused (an import could not tell them apart). */
export function saveDict(ctx: ServiceContext, args: ParsedArgs<'dict.save'>): DictEntry {
  const { sqlite } = ctx.conn;
  const existing = listDictEntriesSync(sqlite, args.dict);
  if (args.code !== undefined && !existing.some((e) => e.code === args.code)) {
    throw new AppError('NOT_FOUND', `字典中没有代码为“${args.code}”的项。`);
  }
  const clash = existing.find((e) => e.code !== args.code && (e.label === args.label || e.synonyms.some((s) => args.synonyms.includes(s) || s === args.label) || args.synonyms.includes(e.label)));
  if (clash) throw new AppError('CONFLICT', `“${args.label}”或其同义词与已有的“${clash.label}”重复，导入时将无法区分。`);
  const code = args.code ?? `u_${randomUUID().slice(0, 8)}`;
  const before = existing.find((e) => e.code === code) ?? null;
  const entry = { dict: args.dict, code, label: args.label, synonyms: args.synonyms, active: args.active, sortOrder: args.sortOrder };
  ctx.conn.writeTransaction(() => {
    saveDictEntry(sqlite, entry);
    const cs = ctx.audit.begin('settings', `${before ? '修改' : '新增'}字典项“${args.label}”`);
    cs.record('dict_entry', 0, `${args.dict}:${code}`, null, before ? 'update' : 'insert', before, entry);
  })();
  ctx.events.emit('data.changed', { entity: 'dict_entry' });
  return listDictEntriesSync(sqlite, args.dict).find((e) => e.code === code)!;
}

/** Saves the settings that changed, each with its audit record. */
export function saveSettings(ctx: ServiceContext, args: ParsedArgs<'settings.save'>): Settings {
  const { sqlite } = ctx.conn;
  const before = loadSettings(ctx);
  ctx.conn.writeTransaction(() => {
    const cs = ctx.audit.begin('settings', '修改设置');
    if (args.termOverdueYears !== undefined && args.termOverdueYears !== before.termOverdueYears) {
      setSetting(sqlite, 'checks.termOverdueYears', args.termOverdueYears);
      cs.record('setting', 0, 'checks.termOverdueYears', null, 'update', before.termOverdueYears, args.termOverdueYears);
    }
    if (args.liaisonRules !== undefined && JSON.stringify(args.liaisonRules) !== JSON.stringify(before.liaisonRules)) {
      setSetting(sqlite, liaisonRulesKey, args.liaisonRules);
      cs.record('setting', 0, liaisonRulesKey, null, 'update', before.liaisonRules, args.liaisonRules);
    }
  })();
  ctx.events.emit('data.changed', { entity: 'setting' });
  return loadSettings(ctx);
}
