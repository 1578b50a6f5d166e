/**
 * What makes an exported file recognisable when it comes back, after Excel, WPS or
 * LibreOffice saved it again: a hidden sheet `_zg_manifest` (very hidden as written;
 * LibreOffice makes it merely hidden, so readers must not rely on the state) with the
 * template, version, unit, period, batch and checksum, workbook names pointing at
 * those cells, and every row's stable id and hash as sent (in chunks of ROW_CHUNK rows
 * a cell, from the sheet's first data row on). Each data row
 * also carries its id and hash in two hidden columns, so it keeps them when rows are
 * sorted, inserted or deleted.
 */
export const MANIFEST_SHEET = '_zg_manifest';
export const DICT_SHEET = '_zg_dict';
export const MANIFEST_MARK = 'zugong-manifest';
export const MANIFEST_FORMAT = 1;
/** Headers of the two hidden columns on each data sheet (the import finds them by these). */
export const ID_HEADER = '行标识（请勿修改）';
export const HASH_HEADER = '校验值';

export interface ManifestSheet {
  name: string;
  /** First header row, first data row (1-based), data rows as written, and the hidden id/hash columns (1-based). */
  headerRow: number;
  firstDataRow: number;
  rows: number;
  idColumn: number;
  hashColumn: number;
  /** The template fields of the columns as written, left to right. */
  fields: string[];
  /** What an empty cell was written as ('', '—' or '无'): read back as empty, not as a value. */
  emptyAs?: string;
}

export interface Manifest {
  template: string;
  templateVersion: number;
  unitCode: string | null;
  unitName: string;
  period: string;
  batchId: string;
  exportedAt: string;
  appVersion: string;
  checksum: string;
  sheets: ManifestSheet[];
}

/** Key cells of the manifest sheet, in rows 2.. of column B; workbook names point at them. */
export const manifestKeys: { key: keyof Manifest; label: string; name: string }[] = [
  { key: 'template', label: '报表模板', name: 'ZG_TEMPLATE' },
  { key: 'templateVersion', label: '模板版本', name: 'ZG_TEMPLATE_VERSION' },
  { key: 'unitCode', label: '单位代码', name: 'ZG_UNIT_CODE' },
  { key: 'unitName', label: '单位名称', name: 'ZG_UNIT' },
  { key: 'period', label: '所属期', name: 'ZG_PERIOD' },
  { key: 'batchId', label: '导出批次', name: 'ZG_BATCH' },
  { key: 'exportedAt', label: '导出时间', name: 'ZG_EXPORTED_AT' },
  { key: 'appVersion', label: '程序版本', name: 'ZG_APP_VERSION' },
  { key: 'checksum', label: '数据校验值', name: 'ZG_CHECKSUM' },
  { key: 'sheets', label: '表格结构', name: 'ZG_SHEETS' },
];

/** Where the table of row ids starts on the manifest sheet (its header row). */
export const ROW_TABLE_HEADER = manifestKeys.length + 3;
/** Rows whose "uid hash" pairs share one cell: 500 × 54 characters stay under a cell's 32,767. */
export const ROW_CHUNK = 500;
