/**
 * Official table formats as data. One writer (electron/core/excel) and one reader
 * (the import) are driven by a Template, so a format is added by adding data.
 */
export type CellType = 'serial' | 'text' | 'integer' | 'decimal' | 'percent' | 'date' | 'flag' | 'dict' | 'phone';

/** What rows a sheet is filled from (see electron/core/services/export/sources.ts). */
export type SourceId = 'ledger' | 'liaison' | 'visit' | 'project' | 'problem' | 'evaluationPath' | 'orgSummary' | 'reminders' | 'liaisonSummary' | 'keyShares' | 'problemClosure' | 'returnsChase' | 'visitsBehind';

export interface TemplateColumn {
  /** The source row's field this column shows, and reads back on import. */
  field: string;
  /** Header text as printed, unit marks included: 正式党员（名）. */
  header: string;
  /** Upper header over this column when the header has two levels (adjacent equal groups merge). */
  group?: string;
  type: CellType;
  /** For 'dict': the dictionary whose labels fill the cell and its dropdown. */
  dict?: string;
  /** Key columns identify the row: locked in the file, matched on import. */
  key?: boolean;
  /** Computed by us (counters, derived names): locked in the file, not read back. */
  derived?: boolean;
  required?: boolean;
  /** Excel column width in characters. */
  width: number;
  /** Default: numbers right, serials, flags, dates and short codes centred, text left. */
  align?: 'left' | 'center' | 'right';
  /** Summed in the 合计 row. */
  total?: boolean;
  /** In the 合计 row, the ratio of two summed columns (达标率 = 达标 / 党支部), not a sum of ratios. */
  totalRatio?: { of: string; to: string };
  /** May be left out of an export (chosen per export, remembered per template). */
  optional?: boolean;
  /** Header texts of hand-made files that mean this column (支部名称 for 党组织名称). */
  synonyms?: string[];
}

export interface TemplateSheet {
  /** Sheet name in the workbook (≤ 31 characters, no []:*?/\). */
  name: string;
  source: SourceId;
  columns: TemplateColumn[];
  /** A 合计 row under the data. */
  totalsRow?: boolean;
  /** A title of its own for a sub-table (the main sheet uses the template's). */
  title?: string;
  /** Lines printed under the table (注：how a share is counted). */
  notes?: string[];
}

export interface Template {
  id: string;
  /** Raised whenever columns change; a returned file of an older version is read with its own definition. */
  version: number;
  /** Title as printed; {unit} and {year} are filled in at export. */
  title: string;
  /** Default attachment number: 附件1. */
  attachment: number;
  sheets: TemplateSheet[];
  /** Lines under the table: 填报人、审核人、联系电话. */
  footer: string[];
  page: { orientation: 'landscape' | 'portrait'; paper: 'A4' };
  /** Rows go down to subordinate units to be filled in and come back (a summary does not). */
  returnable: boolean;
  /** What the table covers: branch rows under a unit, or one row per subordinate unit. */
  rows: 'records' | 'units';
  description: string;
}

/** Per-export choices, remembered per template. */
export interface ExportChoices {
  attachment: number;
  /** Title with {unit} and {year} placeholders, or written out. */
  title: string;
  /** 填报单位（盖章）：… */
  reportingUnit: string;
  /** Optional columns left out, by sheet name and field. */
  omitted: string[];
  /** What empty cells say: nothing, — or 无. */
  emptyAs: '' | '—' | '无';
  /** Title font: 方正小标宋简体 where offices have it, else 宋体 bold. */
  titleFont: 'fzxbs' | 'songBold';
}
