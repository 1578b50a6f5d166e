/**
 * The liaison rules of the year and scope, each with what breaks it and a way to
 * fix it: open the leader's card, or give a lagging branch a leader at once.
 */
import { Alert, Badge, Button, Collapse, Empty, List, Space, Tag, Typography } from 'antd';
import type { LiaisonRules } from '../../../../shared/contract/types.ts';
import type { RuleViolation } from '../../../../shared/domain/liaison.ts';
import type { CallState } from '../../api/context.tsx';
import { branchPlaceLabel } from '../../../../shared/domain/org.ts';

export function RulesPanel({ year, scopeName, rules, onOpenLeader, onOpenBranch, onAssignLeader }: {
  year: number;
  /** The unit checked (the one chosen on any page); undefined: all units. */
  scopeName?: string | undefined;
  rules: CallState<LiaisonRules>;
  onOpenLeader: (id: number) => void;
  onOpenBranch: (orgId: number) => void;
  onAssignLeader: (orgId: number, name: string) => void;
}) {
  if (rules.error) return <Alert type="error" showIcon message="读取规则检查结果失败" description={rules.error.message} />;
  const act = (rule: string, x: RuleViolation) => (
    <Space>
      {x.leaderId !== undefined && <Button size="small" onClick={() => onOpenLeader(x.leaderId!)}>领导名片</Button>}
      {x.orgId !== undefined && <Button size="small" onClick={() => onOpenBranch(x.orgId!)}>党支部名片</Button>}
      {rule === 'laggingHasLeader' && x.orgId !== undefined && (
        <Button size="small" type="primary" onClick={() => onAssignLeader(x.orgId!, branchPlaceLabel(x.name, x.detail))}>指定联系领导</Button>
      )}
    </Space>
  );
  return (
    <div data-testid="liaison-rules">
      <Typography.Paragraph type="secondary">
        {rules.data ? `按 ${rules.data.asOf} 的情况检查${scopeName ? `“${scopeName}”` : '全部单位'} ${year} 年。规则可在“设置 → 联系点规则”中开关和调整。` : '正在检查…'}
      </Typography.Paragraph>
      <Collapse
        defaultActiveKey={['laggingHasLeader', 'secretaryAtLagging']}
        items={(rules.data?.outcomes ?? []).map((o) => ({
          key: o.rule,
          label: (
            <span data-testid={`rule-${o.rule}`}>
              {o.label}{' '}
              {o.enabled ? <Badge count={o.violations.length} showZero overflowCount={99999} color={o.violations.length ? '#cf1322' : '#52c41a'} /> : <Tag>未启用</Tag>}
            </span>
          ),
          children: (
            <>
              <Typography.Paragraph type="secondary">{o.description}</Typography.Paragraph>
              {o.violations.length === 0 ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={o.enabled ? '全部符合' : '此规则未启用'} />
              ) : (
                <List
                  size="small"
                  dataSource={o.violations.slice(0, 300)}
                  footer={o.violations.length > 300 ? `仅列出前 300 条，共 ${o.violations.length} 条；可选择范围缩小检查。` : null}
                  renderItem={(x) => (
                    <List.Item actions={[act(o.rule, x)]} data-testid="rule-violation">
                      <List.Item.Meta title={x.name} description={x.detail} />
                    </List.Item>
                  )}
                />
              )}
            </>
          ),
        }))}
      />
    </div>
  );
}
