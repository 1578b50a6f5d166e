import { Button, Card, Empty, Typography } from 'antd';
import type { PageKey } from '../nav.ts';

/** Pages whose capability is not built yet say so, and what to do meanwhile. */
const plans: Partial<Record<PageKey, { what: string; meanwhile: string }>> = {
  problems: { what: '按单位建立问题清单，逐条建账、领账、清账，跟踪整改销号。', meanwhile: '请继续使用现有的问题清单表格，后续可直接导入。' },
};

export function PlannedPage({ page, go }: { page: PageKey; go: (key: PageKey) => void }) {
  const plan = plans[page];
  return (
    <Card>
      <Empty
        className="page-empty"
        description={
          <>
            <Typography.Paragraph strong>此功能正在建设中</Typography.Paragraph>
            {plan && <Typography.Paragraph type="secondary">{plan.what}</Typography.Paragraph>}
            {plan && <Typography.Paragraph type="secondary">{plan.meanwhile}</Typography.Paragraph>}
          </>
        }
      >
        <Button type="primary" onClick={() => go('org')}>
          查看组织机构
        </Button>
      </Empty>
    </Card>
  );
}
