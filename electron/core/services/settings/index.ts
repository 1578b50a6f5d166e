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
import { getOrg } from '../../repos/orgs.ts';
import { operatorSetting, setSetting, unitSetting } from '../../repos/settings.ts';
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
    if (args.unitId !== undefined && args.unitId !== before.unitId) {
      if (args.unitId !== null) mustBeUnit(ctx, args.unitId);
      setSetting(sqlite, unitSetting, args.unitId);
      cs.record('setting', 0, unitSetting, null, 'update', before.unitId, args.unitId);
    }
    if (args.operatorName !== undefined && args.operatorName !== before.operatorName) {
      setSetting(sqlite, operatorSetting, args.operatorName);
      cs.record('setting', 0, operatorSetting, null, 'update', before.operatorName, args.operatorName);
    }
  })();
  ctx.events.emit('data.changed', { entity: 'setting' });
  return loadSettings(ctx);
}

/** The department's unit is an open committee of the tree (a branch serves no department). */
function mustBeUnit(ctx: ServiceContext, id: number): void {
  const org = getOrg(ctx.conn.sqlite, id);
  if (!org) throw new AppError('NOT_FOUND', `找不到编号为 ${id} 的党组织，可能已被删除，请刷新后重新选择本单位。`, { id });
  if (org.closed_on) throw new AppError('CONFLICT', `“${org.name}”已撤销，不能作为本单位。`);
  if (org.level === 'branch') throw new AppError('CONFLICT', `“${org.name}”是党支部（党总支），本单位应为盟市、旗县区或苏木乡镇（街道）党（工）委。`);
}
