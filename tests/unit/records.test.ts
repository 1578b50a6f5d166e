import { describe, expect, it } from 'vitest';
import { recordTables } from '../../shared/domain/records.ts';

describe('record tables: the add dialogs', () => {
  for (const def of Object.values(recordTables)) {
    it(`asks for ${def.table}'s required fields and only for fields a person writes`, () => {
      const byField = new Map(def.fields.map((f) => [f.field, f]));
      for (const f of [...def.addForm.refs, ...def.addForm.fields]) {
        expect(byField.has(f), `${def.table}.${f}`).toBe(true);
        expect(byField.get(f)!.derived ?? false, `${def.table}.${f} is derived`).toBe(false);
      }
      for (const f of def.addForm.refs) expect(byField.get(f)!.type, `${def.table}.${f}`).toBe('ref');
      const asked = new Set([...def.addForm.refs, ...def.addForm.fields]);
      // A project's leader and branch come with its liaison point; a new problem is 建账 (open) by the core.
      const given: Record<string, string[]> = { project: ['leaderId', 'orgId'], problem: ['status'] };
      for (const f of def.fields.filter((x) => x.required && !x.derived)) {
        expect(asked.has(f.field) || given[def.table]?.includes(f.field), `${def.table}.${f.field} is required but not asked`).toBe(true);
      }
    });
  }
});
