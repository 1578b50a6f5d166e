/** A statistics table as the page shows it: the same headers as the exported sheet (本年 and 较上年 under each column when compared), 合计 last and bold. */
import { Table, type TableColumnsType } from 'antd';
import { changeOf, changeText, type StatsColumn, type StatsRow, type StatsTable } from '../../../../shared/domain/stats.ts';

const number = (c: StatsColumn, v: number | null | undefined) => (v === null || v === undefined ? '—' : c.kind === 'percent' ? v.toFixed(1) : String(v));

export function StatsTableView({ table, compared }: { table: StatsTable; compared: boolean }) {
  const leaf = (c: StatsColumn, i: number, title: string): TableColumnsType<StatsRow> => {
    const now = { key: `${c.key}`, title: compared ? '本年' : title, align: 'right' as const, render: (_: unknown, r: StatsRow) => number(c, r.values[i]) };
    if (!compared) return [now];
    const change = {
      key: `${c.key}-change`,
      title: c.kind === 'percent' ? '较上年（百分点）' : '较上年',
      align: 'right' as const,
      render: (_: unknown, r: StatsRow) => {
        const d = changeOf(c, r.values[i], r.previous?.[i]);
        return <span className={d === null || d === 0 ? undefined : d > 0 ? 'stats-up' : 'stats-down'}>{changeText(d)}</span>;
      },
    };
    return [{ key: `${c.key}-group`, title, children: [now, change] }];
  };
  const columns: TableColumnsType<StatsRow> = [{ key: 'label', title: table.rowHeader, dataIndex: 'label', fixed: 'left', width: 220 }];
  table.columns.forEach((c, i) => {
    const own = leaf(c, i, c.label);
    const last = columns[columns.length - 1] as { title?: unknown; children?: TableColumnsType<StatsRow> };
    if (c.group && last.title === c.group && last.children) last.children.push(...own);
    else columns.push(c.group ? { key: `group-${c.key}`, title: c.group, children: own } : own[0]!);
  });
  return (
    <Table<StatsRow>
      size="small"
      bordered
      rowKey="key"
      pagination={false}
      columns={columns}
      dataSource={table.total ? [...table.rows, table.total] : table.rows}
      rowClassName={(r) => (r.key === 'total' ? 'stats-total' : '')}
      data-testid={`stats-table-${table.id}`}
    />
  );
}
