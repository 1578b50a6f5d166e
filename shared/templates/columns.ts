/**
 * A template column made from a table's column definition: its header, type,
 * dictionary, 合计 and whether it identifies or is computed come from the definition;
 * the template adds only how it is printed (header text, group, width) and the headers
 * of hand-made files that mean it.
 */
import type { FieldDef } from '../domain/fields.ts';
import type { CellType, TemplateColumn } from './types.ts';

type Printed = Partial<Omit<TemplateColumn, 'field' | 'type' | 'dict'>> & Pick<TemplateColumn, 'width'>;

export function columnFrom(def: FieldDef, printed: Printed): TemplateColumn {
  if (def.type === 'ref') throw new Error(`模板列“${def.label}”不能直接打印编号`);
  return {
    field: def.field,
    header: def.label,
    type: def.type satisfies CellType,
    ...(def.dict ? { dict: def.dict } : {}),
    ...(def.summed ? { total: true } : {}),
    ...(def.required ? { required: true } : {}),
    ...(def.key ? { key: true } : {}),
    ...(def.derived ? { derived: true } : {}),
    ...printed,
  };
}

/** A helper bound to one table's definitions: col('membersFormal', { width: 8 }). */
export function columnsOf<F extends string>(defs: readonly FieldDef<F>[]) {
  const byField = new Map(defs.map((d) => [d.field, d]));
  return (field: F, printed: Printed): TemplateColumn => columnFrom(byField.get(field)!, printed);
}
