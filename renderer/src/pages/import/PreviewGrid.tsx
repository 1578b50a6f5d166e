/**
 * The rows of a file compared with what is held (the ledger, or a record table): each
 * mapped column shows the file's value; a changed cell is yellow (ours → theirs on hover), a conflict orange (sent,
 * ours, theirs), a value that cannot be read red, one we changed since the export
 * grey. A click on a changed or conflicting cell accepts or rejects it; a red cell
 * can be corrected in place.
 */
import { useMemo, type Ref } from 'react';
import type { AgGridReact } from 'ag-grid-react';
import type { CellClassParams, ColDef, ITooltipParams } from 'ag-grid-community';
import type { DictEntry, ImportCellDiff, ImportRowView, ImportSheetView, TemplateInfo } from '../../../../shared/contract/types.ts';
import type { CellValue } from '../../../../shared/domain/fields.ts';
import { cellTaken, erases, rowTaken, type ImportChoices } from '../../../../shared/domain/importPlan.ts';
import { writableFields } from '../../../../shared/domain/returns.ts';
import { DataGrid } from '../../grid/DataGrid.tsx';

export const statusLabels: Record<ImportRowView['status'], string> = { new: '新增', changed: '修改', unchanged: '未变', conflict: '冲突', error: '错误', fuzzy: '待确认' };


/** How a row was matched, or where it goes, for the status cell's tooltip. */
function placeOf(r: ImportRowView, noun: string): string {
  if (r.match) return `对应：${r.match.township ?? ''} ${r.match.name}（${{ id: '行标识', name: '名称', fuzzy: '相近名称' }[r.match.by]}）`;
  if (r.record) return `对应：${r.record.label}（${r.record.by === 'id' ? '行标识' : '内容相同'}）`;
  if (r.parent) return `新增到：${r.parent.name}`;
  if (r.newUnit !== undefined) return `新增到：${r.newUnit}（组织机构中还没有，见上方“是否新建”）`;
  return r.refs ? `新增${noun}` : '';
}

/** The rows of one sheet of the file, with that sheet's columns (a record table's, from its definitions, or the ledger's). */
export function PreviewGrid({ sheet, rows, template, dicts, decisions, onToggleCell, onFix, gridRef }: {
  sheet: ImportSheetView;
  rows: ImportRowView[];
  template: TemplateInfo | undefined;
  dicts: DictEntry[];
  decisions: ImportChoices;
  onToggleCell: (row: ImportRowView, diff: ImportCellDiff) => void;
  onFix: (row: ImportRowView, field: string, value: string) => void;
  /** For the page to bring a row into view (a cell of the round's comparison). */
  gridRef?: Ref<AgGridReact<ImportRowView>>;
}) {
  const columns = useMemo<ColDef<ImportRowView>[]>(() => {
    const defs = template?.sheets.find((s) => s.name === sheet.name)?.columns ?? template?.sheets[0]?.columns ?? [];
    const writable = writableFields(sheet.source);
    const dictOf = new Map(sheet.columns.map((c) => [c.field, c.dict]));
    const label = (field: string, v: CellValue | null | undefined) => {
      if (v === null || v === undefined) return '';
      if (typeof v === 'boolean') return v ? '是' : '否';
      const dict = dictOf.get(field) ?? { kind: 'org_kind', field: 'field', grade: 'grade', strongestStatus: 'strongest_status' }[field];
      return dict ? (dicts.find((d) => d.dict === dict && d.code === v)?.label ?? String(v)) : String(v);
    };
    const diffOf = (r: ImportRowView | undefined, field: string) => r?.diffs.find((d) => d.field === field);
    /** A changed (or conflicting) cell, taken or left out as decided. */
    const isTakenOf = (field: string) => (r: ImportRowView | undefined, status: ImportCellDiff['status'], taken: boolean) => {
      const d = diffOf(r, field);
      return !!r && d?.status === status && cellTaken(r, d, decisions) === taken;
    };
    const mapped = sheet.columns.filter((c) => c.field && c.field !== 'serial');
    return [
      { colId: 'sourceRow', headerName: '行', field: 'sourceRow', width: 70, pinned: 'left' },
      {
        colId: 'status',
        headerName: '状态',
        width: 90,
        pinned: 'left',
        valueGetter: (p) => (p.data ? statusLabels[p.data.status] : ''),
        cellClassRules: { 'import-row-rejected': (p: CellClassParams<ImportRowView>) => !!p.data && !rowTaken(p.data, decisions) && p.data.status !== 'unchanged' },
        tooltipValueGetter: (p: ITooltipParams<ImportRowView>) => p.data?.messages.join('；') || (p.data ? placeOf(p.data, sheet.noun) : ''),
      },
      ...mapped.map((c): ColDef<ImportRowView> => {
        const field = c.field!;
        const def = defs.find((d) => d.field === field);
        const isTaken = isTakenOf(field);
        return {
          colId: field,
          headerName: def ? (def.group ? `${def.group}·${def.header}` : def.header) : c.header,
          // As wide as the official table has it (characters), so a phone number or a field's label shows whole.
          width: field === 'name' ? 220 : Math.max(90, Math.round((def?.width ?? 12) * 9.5)),
          pinned: field === 'name' ? 'left' : undefined,
          valueGetter: (p) => {
            if (!p.data) return '';
            const d = diffOf(p.data, field);
            if (d?.status === 'error') return d.raw;
            // An emptied cell says so: a blank would not show that something is to be erased.
            if (d && erases(d)) return '（清空）';
            return label(field, p.data.values[field]);
          },
          // A value that cannot be read is corrected here (and a correction corrected again); the file's readable values are not typed over.
          editable: (p) => writable.has(field) && (diffOf(p.data, field)?.status === 'error' || !!p.data?.corrected?.includes(field)),
          cellClassRules: {
            'import-change': (p) => isTaken(p.data, 'change', true),
            'import-conflict': (p) => diffOf(p.data, field)?.status === 'conflict',
            'import-conflict-taken': (p) => isTaken(p.data, 'conflict', true),
            'import-rejected': (p) => isTaken(p.data, 'change', false),
            'import-clear': (p) => !!diffOf(p.data, field) && erases(diffOf(p.data, field)!),
            'cell-invalid': (p) => diffOf(p.data, field)?.status === 'error',
            'import-kept': (p) => diffOf(p.data, field)?.status === 'kept',
          },
          tooltipValueGetter: (p: ITooltipParams<ImportRowView>) => {
            const d = diffOf(p.data, field);
            if (!d) return undefined;
            if (d.status === 'error') return `${d.message ?? '无法识别'}（双击可改正）`;
            if (p.data?.corrected?.includes(field)) return `已在核对时改正（现有：${label(field, d.current) || '（空）'}）。双击可再次改正；单击可改为不采用`;
            if (d.status === 'kept') return `导出后本地已改为“${label(field, d.current)}”，报送表仍是原值，保留本地的值`;
            // An older file than our value: both values with their dates.
            if (d.dates) return `本地 ${new Date(d.dates.held).toLocaleString('zh-CN', { hour12: false })} 改为：${label(field, d.current) || '（空）'}，晚于文件的${d.dates.fileBy === 'filled' ? '填报日期' : '保存时间'}（${d.dates.file}）；文件中：${label(field, d.value) || '（空）'}。单击采用文件的值，再单击保留现有值`;
            const sent = d.sent !== undefined ? `发出时：${label(field, d.sent) || '（空）'}；` : '';
            if (erases(d)) return `${sent}报送单位清空了这个单元格（现有：${label(field, d.current)}）。${cellTaken(p.data!, d, decisions) ? '将清空；单击改为保留现有值' : '默认不清空，保留现有值；单击改为清空'}`;
            return `${sent}现有：${label(field, d.current) || '（空）'} → 报送：${label(field, d.value) || '（空）'}。${d.status === 'conflict' ? '双方都改过：单击采用报送值，再单击保留现有值' : '单击可改为不采用'}`;
          },
          onCellClicked: (e) => {
            const d = diffOf(e.data, field);
            if (e.data && d && (d.status === 'change' || d.status === 'conflict')) onToggleCell(e.data, d);
          },
        };
      }),
    ];
  }, [sheet, template, dicts, decisions, onToggleCell]);
  return (
    <DataGrid<ImportRowView>
      {...(gridRef ? { ref: gridRef } : {})}
      rowData={rows}
      columnDefs={columns}
      getRowId={(p) => `${p.data.sheet}:${p.data.sourceRow}`}
      defaultColDef={{ sortable: true, resizable: true, wrapHeaderText: true, autoHeaderHeight: true }}
      onCellEditRequest={(e) => e.data && onFix(e.data, e.colDef.colId!, String(e.newValue ?? ''))}
      overlayNoRowsTemplate="没有符合条件的行"
    />
  );
}
