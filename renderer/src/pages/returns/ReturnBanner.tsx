/**
 * The import preview's line for a file that is a return sent down from here: which unit, table,
 * year and round it is, and a link to its row on the 报送情况 board.
 */
import { Alert, Button } from 'antd';
import type { ReturnOfFile } from '../../../../shared/contract/returnsBoard.ts';

/** The board's address for a return: the board opens on its table, year and scope, and marks its row. */
export function boardLink(report: Pick<ReturnOfFile, 'returnId' | 'templateId' | 'period' | 'senderOrgId'>): string {
  const q = new URLSearchParams({ return: String(report.returnId), template: report.templateId, period: report.period, ...(report.senderOrgId !== null ? { scope: String(report.senderOrgId) } : {}) });
  return `#/returns?${q.toString()}`;
}

export function ReturnBanner({ report }: { report: ReturnOfFile }) {
  const place = report.unitName.replace(/党委$|党工委$/, '');
  return (
    <Alert
      data-testid="return-banner"
      type={report.state === 'accepted' ? 'warning' : 'info'}
      showIcon
      style={{ marginBottom: 12 }}
      message={`这是 ${place} ${report.period}年 ${report.templateTitle} 的第 ${report.round} 次报送（${report.stateLabel}）`}
      description={report.note ?? undefined}
      action={
        <Button size="small" href={boardLink(report)} data-testid="return-banner-link">
          在“报送情况”中查看
        </Button>
      }
    />
  );
}
