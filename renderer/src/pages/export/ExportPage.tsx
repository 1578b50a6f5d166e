/** 报表导出: the official tables, each exported as printed, or sent down to every subordinate unit to fill in. */
import { useState } from 'react';
import { Alert, Card, Empty, Menu, Tag } from 'antd';
import { useCall } from '../../api/context.tsx';
import { ExportPanel } from './ExportPanel.tsx';

export function ExportPage() {
  const templates = useCall('templates.list', {});
  const years = useCall('ledger.years', {});
  const [selected, setSelected] = useState<string | null>(null);
  if (templates.error) return <Alert type="error" showIcon message="读取报表模板失败" description={templates.error.message} />;
  const list = templates.data ?? [];
  const template = list.find((t) => t.id === (selected ?? list[0]?.id));
  return (
    <div style={{ display: 'flex', gap: 16 }}>
      <Card size="small" title="报表模板" style={{ width: 280, flex: 'none' }}>
        <Menu
          mode="inline"
          style={{ borderInlineEnd: 'none' }}
          selectedKeys={template ? [template.id] : []}
          onClick={(e) => setSelected(e.key)}
          items={list.map((t) => ({
            key: t.id,
            label: (
              <span title={t.title}>
                附件{t.choices.attachment} {t.title.replace('{unit}', '').replace('{year}年', '')} {t.returnable ? null : <Tag>汇总</Tag>}
              </span>
            ),
          }))}
        />
      </Card>
      <Card size="small" style={{ flex: 1, minWidth: 0 }} title={template ? `${template.title.replace('{unit}', '').replace('{year}', '××××')}（第 ${template.version} 版）` : ''}>
        {template && years.data ? <ExportPanel key={template.id} template={template} years={years.data.length ? years.data : [new Date().getFullYear()]} /> : <Empty />}
      </Card>
    </div>
  );
}
