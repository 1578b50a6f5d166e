/** A hand-made layout seen for the first time: which file column is which template column, confirmed (and remembered) by a person. */
import { useState } from 'react';
import { Alert, Button, Checkbox, Select, Space, Table, Tag, Tooltip } from 'antd';
import type { ImportColumnView, ImportPreview, TemplateInfo } from '../../../../shared/contract/types.ts';

export function MappingStep({ preview, template, onApply }: { preview: ImportPreview; template: TemplateInfo | undefined; onApply: (mapping: { index: number; field: string | null }[], remember: boolean) => void }) {
  const [mapping, setMapping] = useState(() => new Map(preview.columns.map((c) => [c.index, c.field])));
  const [remember, setRemember] = useState(true);
  const options = (template?.sheets[0]?.columns ?? [])
    .filter((c) => c.field !== 'serial')
    .map((c) => ({ value: c.field, label: c.group ? `${c.group}·${c.header}` : c.header }));
  return (
    <div data-testid="mapping-step">
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        message={preview.needsMapping ? '请核对这种表格格式的各列' : '核对列的对应关系'}
        description={`已按表头文字猜测各列对应关系（表头在第 ${preview.headerRows.join('、')} 行）：标“猜测”的列是按表头中的词推断的，请特别留意；有内容却没有对应的列，请选择它对应的列或“不导入”。确认后，同样格式的文件会直接按此对应。`}
      />
      <Table<ImportColumnView>
        size="small"
        rowKey="index"
        pagination={false}
        dataSource={preview.columns}
        columns={[
          { title: '列', dataIndex: 'letter', width: 50 },
          { title: '文件中的表头', dataIndex: 'header' },
          { title: '识别', width: 130, render: (_: unknown, c) => <Sureness column={c} chosen={mapping.get(c.index) ?? null} /> },
          {
            title: '对应台账中的',
            width: 260,
            render: (_: unknown, c) => (
              <Select
                style={{ width: 240 }}
                value={mapping.get(c.index) ?? '__none'}
                // Twenty columns to choose from: typed to (书记, dh…), and a longer list shown at once.
                showSearch
                optionFilterProp="label"
                listHeight={400}
                options={[{ value: '__none', label: '不导入' }, ...options]}
                onChange={(v) => setMapping(new Map(mapping).set(c.index, v === '__none' ? null : v))}
                aria-label={`第 ${c.letter} 列对应`}
              />
            ),
          },
        ]}
      />
      <Space style={{ marginTop: 12 }}>
        <Checkbox checked={remember} onChange={(e) => setRemember(e.target.checked)}>记住这种格式</Checkbox>
        <Button type="primary" onClick={() => onApply([...mapping].map(([index, field]) => ({ index, field })), remember)}>
          按此对应重新核对
        </Button>
      </Space>
    </div>
  );
}

/** How the column's reading came about: its header named exactly, guessed from its words (with how sure), changed by the person, or not placed. */
function Sureness({ column, chosen }: { column: ImportColumnView; chosen: string | null }) {
  if (chosen !== column.field) return <Tag color="blue">已手动选择</Tag>;
  if (column.field === null) return <Tag>未对应</Tag>;
  if (!column.guessed) return <Tag color="green">表头一致</Tag>;
  const sure = Math.round((column.confidence ?? 0) * 100);
  return (
    <Tooltip title="表头与模板中的列名不完全相同，按其中表示含义的词推断，请核对">
      <Tag color="orange" data-testid={`guessed-${column.letter}`}>猜测 · 把握 {sure}%</Tag>
    </Tooltip>
  );
}
