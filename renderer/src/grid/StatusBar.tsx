import type { ReactNode } from 'react';
import { Space, Tag, Typography } from 'antd';

const hint = '表示内容未通过校验、已原样保留；鼠标停在上面可看原因。拖动或按住 Shift 可选中多个单元格，Ctrl+C / Ctrl+V 复制粘贴，Ctrl+D 向下填充，Ctrl+F 查找，Ctrl+H 替换，Ctrl+Z 撤销。';

const format = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 2 });

/** Under every grid: what the selection adds up to, as Excel's status bar shows. */
export function StatusBar({ status, rows }: { status: { cells: number; count: number; numbers: number; sum: number; average: number | null } | null; rows?: ReactNode }) {
  return (
    <div className="grid-status" data-testid="grid-status">
      <span className="grid-status-rows">{rows}</span>
      {status && status.cells > 1 ? (
        <Space size="large">
          <span>已选 {format.format(status.cells)} 个单元格</span>
          <span>计数：{format.format(status.count)}</span>
          {status.numbers > 0 && <span>求和：{format.format(status.sum)}</span>}
          {status.average !== null && <span>平均值：{format.format(status.average)}</span>}
        </Space>
      ) : (
        <Space>
          <Tag color="red">红色单元格</Tag>
          <Typography.Text type="secondary" title={hint}>
            {hint}
          </Typography.Text>
        </Space>
      )}
    </div>
  );
}
