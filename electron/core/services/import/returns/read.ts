/**
 * The columns of a returned sheet of records, as the generic reader (../read.ts) reads them:
 * each by the record table's `FieldDef`, and a column the table does not store (支部等次 of a
 * point, 当前状态 of the 评定验收台账) by the template column's type and dictionary. Pure.
 */
import type { FieldDef } from '../../../../../shared/domain/fields.ts';
import { fieldDefOf, type RecordSource } from '../../../../../shared/domain/returns.ts';
import type { TemplateColumn } from '../../../../../shared/templates/types.ts';
import type { FileColumn } from '../read.ts';
import type { RecognisedSheet } from '../recognise.ts';

/** The definition a template column is read by: the table's own, else one made from the column (its type and dictionary). */
function defOf(source: RecordSource, col: TemplateColumn): FieldDef {
  const own = fieldDefOf(source, col.field);
  if (own && own.type !== 'ref') return own;
  const type = col.type === 'serial' ? 'integer' : col.type === 'percent' ? 'decimal' : col.type;
  return { field: col.field, label: col.header, type, ...(col.dict ? { dict: col.dict } : {}), editable: false, width: col.width, maxLength: 1000 };
}

/** The sheet's mapped columns, left to right (序号 left out: rows move, it identifies nothing). */
export function readColumns(sheet: RecognisedSheet, source: RecordSource): (FileColumn & { def: FieldDef })[] {
  return [...sheet.layout.columns.fields]
    .map(([index, field]) => ({ index, field, col: sheet.tsheet.columns.find((c) => c.field === field)! }))
    .filter((c) => c.col !== undefined && c.col.type !== 'serial')
    .map((c) => ({ ...c, def: defOf(source, c.col) }));
}
