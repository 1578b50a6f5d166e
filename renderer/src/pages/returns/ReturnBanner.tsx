/**
 * The import preview's line for a file that is a return sent down from here: which unit, table,
 * year and round it is, and a link to its row on the 报送情况 board.
 */
import { Alert, App as AntApp, Button } from 'antd';
import type { ReturnOfFile } from '../../../../shared/contract/returnsBoard.ts';

/** The board's address for a return: the board opens on its table, year and scope, and marks its row. */
export function boardLink(report: Pick<ReturnOfFile, 'returnId' | 'templateId' | 'period' | 'senderOrgId'>): string {
  const q = new URLSearchParams({ return: String(report.returnId), template: report.templateId, period: report.period, ...(report.senderOrgId !== null ? { scope: String(report.senderOrgId) } : {}) });
  return `#/returns?${q.toString()}`;
}

export function ReturnBanner({ report }: { report: ReturnOfFile }) {
  const place = report.unitName.replace(/党委$|党工委$/, '');
  const { modal } = AntApp.useApp();
  // The preview lives on the import page only: leaving drops it, so that is said before.
  const toBoard = () =>
    modal.confirm({
      title: '离开导入页，去“报送情况”？',
      content: '这份文件还没有提交，离开后这次核对即放弃，台账不作任何修改（“报送情况”中仍记为已收到这份文件，即“已报送”）；回来后需重新打开文件。',
      okText: '去“报送情况”',
      cancelText: '留在此页',
      onOk: () => {
        window.location.hash = boardLink(report);
      },
    });
  return (
    <Alert
      data-testid="return-banner"
      type={report.state === 'accepted' ? 'warning' : 'info'}
      showIcon
      style={{ marginBottom: 12 }}
      message={`这是 ${place} ${report.period}年 ${report.templateTitle} 的第 ${report.round} 次报送（${report.stateLabel}）`}
      description={report.note ?? undefined}
      action={
        <Button size="small" onClick={toBoard} data-testid="return-banner-link">
          在“报送情况”中查看
        </Button>
      }
    />
  );
}
