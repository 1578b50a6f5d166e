/**
 * Values mapped once: each value of a dictionary column that the dictionary does not know,
 * shown once with how many cells hold it and where; the person picks the entry it means (or
 * keeps it as written), and the choice applies to all those cells and is remembered for the
 * next file.
 */
import { useMemo, useState } from 'react';
import { Alert, Button, Card, Checkbox, Select, Space, Table, Tag, Typography } from 'antd';
import type { DictEntry, ImportUnknownValue, ImportValueChoice } from '../../../../shared/contract/types.ts';

/** The Select's value for "none of these: keep it as written". */
const KEEP = '__keep';

const keyOf = (v: Pick<ImportUnknownValue, 'dict' | 'value'>) => `${v.dict}\u0000${v.value}`;

/** A few cells, then how many more. */
function cellsText(cells: readonly string[]): string {
  return `${cells.slice(0, 6).join('、')}${cells.length > 6 ? ` 等 ${cells.length} 处` : ''}`;
}

export function ValuesStep({ values, dicts, busy, onApply, onLater }: { values: readonly ImportUnknownValue[]; dicts: readonly DictEntry[]; busy: boolean; onApply: (choices: ImportValueChoice[]) => void; onLater: () => void }) {
  // One question per value of a dictionary, whichever columns hold it.
  const asked = useMemo(() => {
    const seen = new Map<string, ImportUnknownValue>();
    for (const v of values) {
      const had = seen.get(keyOf(v));
      seen.set(keyOf(v), had ? { ...had, count: had.count + v.count, cells: [...had.cells, ...v.cells] } : v);
    }
    return [...seen.values()];
  }, [values]);
  const [chosen, setChosen] = useState<ReadonlyMap<string, string>>(new Map());
  const [remember, setRemember] = useState(true);
  const optionsOf = (dict: string) => [
    ...dicts.filter((d) => d.dict === dict && d.active).map((d) => ({ value: d.code, label: d.label })),
    { value: KEEP, label: '都不是：保留原文（标红）' },
  ];
  const picked = asked.filter((v) => chosen.has(keyOf(v)));
  const apply = () =>
    onApply(
      picked.map((v) => {
        const code = chosen.get(keyOf(v))!;
        return { dict: v.dict, value: v.value, code: code === KEEP ? null : code, remember: remember && code !== KEEP };
      }),
    );
  return (
    <Card size="small" title="核对取值" data-testid="values-step">
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        message={`文件中有 ${asked.length} 种取值不在字典中`}
        description="每种取值只需选择一次：选择后，文件中所有写着它的单元格都按所选项读取，并重新核对。都不对应的，可保留原文，接受所在行时按原文写入并标红。"
      />
      <Table<ImportUnknownValue>
        size="small"
        rowKey={keyOf}
        pagination={false}
        dataSource={asked}
        columns={[
          { title: '列', dataIndex: 'header', width: 180 },
          {
            title: '文件中的取值',
            dataIndex: 'value',
            render: (v: string, u) => (
              <Space>
                <Typography.Text strong>{v}</Typography.Text>
                {u.kept && <Tag>已保留原文</Tag>}
              </Space>
            ),
          },
          { title: '个数', dataIndex: 'count', width: 70 },
          { title: '单元格', render: (_: unknown, u) => <Typography.Text type="secondary">{cellsText(u.cells)}</Typography.Text> },
          {
            title: '对应的选项',
            width: 260,
            render: (_: unknown, u) => (
              <Select
                style={{ width: 240 }}
                placeholder="请选择"
                value={chosen.get(keyOf(u))}
                options={optionsOf(u.dict)}
                onChange={(code: string) => setChosen(new Map(chosen).set(keyOf(u), code))}
                aria-label={`“${u.value}”对应的选项`}
              />
            ),
          },
        ]}
      />
      <Space style={{ marginTop: 12 }}>
        <Checkbox checked={remember} onChange={(e) => setRemember(e.target.checked)}>
          记为字典中的同义词（下次导入直接识别）
        </Checkbox>
        <Button type="primary" disabled={picked.length === 0 || busy} onClick={apply}>
          按所选读取并重新核对
        </Button>
        <Button onClick={onLater}>暂不处理</Button>
      </Space>
    </Card>
  );
}
