import { Alert, Card, Table, Tag } from 'antd';
import type { DictEntry } from '../../../shared/contract/types.ts';
import { defaultDictionaries } from '../../../shared/domain/defaults.ts';
import { useCall } from '../api/context.tsx';

/** 设置: the dictionaries this database uses (editing them comes with the ledger). */
export function SettingsPage() {
  const dicts = useCall('dict.list', {});
  if (dicts.error) return <Alert type="error" showIcon message="读取字典失败" description={dicts.error.message} />;
  const groups = Object.entries(defaultDictionaries).map(([dict, { title }]) => ({
    dict,
    title,
    entries: (dicts.data ?? []).filter((e) => e.dict === dict),
  }));
  return (
    <Card title="字典（领域、等次等选项）" size="small" loading={dicts.loading}>
      {groups.map((g) => (
        <div key={g.dict} style={{ marginBottom: 16 }}>
          <h4>{g.title}</h4>
          <Table<DictEntry>
            size="small"
            rowKey="code"
            pagination={false}
            dataSource={g.entries}
            columns={[
              { title: '名称', dataIndex: 'label', width: 200 },
              { title: '同义词（导入时自动识别）', dataIndex: 'synonyms', render: (s: string[]) => s.map((x) => <Tag key={x}>{x}</Tag>) },
            ]}
          />
        </div>
      ))}
    </Card>
  );
}
