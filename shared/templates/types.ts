/**
 * Official table formats as data (filled in by the export issue). The writer and
 * the reader are both driven by a Template, so a format is added by adding data.
 * Declared now so the contract and the schema leave room for them.
 */
export type CellType = 'text' | 'integer' | 'decimal' | 'date' | 'flag' | 'dict' | 'phone';

export interface TemplateColumn {
  /** The ledger field it reads and writes, e.g. 'members_formal'. */
  field: string;
  /** Header text as printed, unit marks included: 正式党员（名）. */
  header: string;
  /** Upper header over this column when the header has two levels. */
  group?: string;
  type: CellType;
  /** Dictionary for 'dict' columns (becomes a native dropdown in the file). */
  dict?: string;
  required?: boolean;
  /** Key columns are locked in the file; the rest are input cells. */
  key?: boolean;
  width: number;
  align?: 'left' | 'center' | 'right';
  /** Summed in the 合计 row. */
  total?: boolean;
  /** Header synonyms accepted when reading hand-made files (党组织名称 / 支部名称). */
  synonyms?: string[];
}

export interface Template {
  id: string;
  version: number;
  title: string;
  attachment?: string;
  columns: TemplateColumn[];
  totalsRow?: boolean;
  footer: string[];
  page: { orientation: 'landscape' | 'portrait'; paper: 'A4'; fitToWidth: boolean };
}
