/**
 * 组织机构: the tree of Party organisations, loaded level by level from the core,
 * with each node's open branches and members; the selected node's children in a table.
 */
import { useCallback, useEffect, useState } from 'react';
import { Alert, Card, Descriptions, Empty, Flex, Spin, Table, Tag, Tree, Typography } from 'antd';
import type { DataNode, EventDataNode } from 'antd/es/tree';
import type { OrgNode } from '../../../shared/contract/types.ts';
import { orgLevelLabels } from '../../../shared/domain/org.ts';
import { useApi, useCall } from '../api/context.tsx';
import { labeler, numberFormat } from '../labels.ts';

interface TreeNode extends DataNode {
  key: number;
  org: OrgNode;
  children?: TreeNode[];
}

function toTreeNode(org: OrgNode): TreeNode {
  return {
    key: org.id,
    org,
    isLeaf: org.childCount === 0,
    title: (
      <span className="org-tree-title" data-org-id={org.id}>
        <span className="name">{org.name}</span>
        {org.level !== 'branch' && <span className="count">{numberFormat.format(org.branchCount)} 个支部</span>}
      </span>
    ),
  };
}

function attach(nodes: TreeNode[], parentId: number, children: TreeNode[]): TreeNode[] {
  return nodes.map((n) =>
    n.key === parentId ? { ...n, children } : n.children ? { ...n, children: attach(n.children, parentId, children) } : n,
  );
}

export function OrgPage() {
  const api = useApi();
  const dicts = useCall('dict.list', {});
  const kindLabel = labeler(dicts.data, 'org_kind');
  const fieldLabel = labeler(dicts.data, 'field');
  const [roots, setRoots] = useState<TreeNode[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [year, setYear] = useState<number | null>(null);
  const [expanded, setExpanded] = useState<number[]>([]);
  const [selected, setSelected] = useState<OrgNode | null>(null);

  useEffect(() => {
    api.call('org.children', { parentId: null }).then(
      async (r) => {
        setYear(r.year);
        let tree = r.nodes.map(toTreeNode);
        // Open the first root so the banners show at once: what staff look at first.
        const first = r.nodes[0];
        if (first && first.childCount > 0) {
          const kids = await api.call('org.children', { parentId: first.id, year: r.year });
          tree = attach(tree, first.id, kids.nodes.map(toTreeNode));
          setExpanded([first.id]);
          setSelected(first);
        }
        setRoots(tree);
      },
      (e: Error) => setError(e.message),
    );
  }, [api]);

  const loadData = useCallback(
    async (node: EventDataNode<TreeNode>) => {
      if (node.children) return;
      const r = await api.call('org.children', { parentId: node.key, ...(year ? { year } : {}) });
      setRoots((prev) => (prev ? attach(prev, node.key, r.nodes.map(toTreeNode)) : prev));
    },
    [api, year],
  );

  if (error) return <Alert type="error" showIcon message="读取组织机构失败" description={error} />;
  if (roots === null) return <Spin tip="正在读取组织机构…"><div style={{ height: 200 }} /></Spin>;
  if (roots.length === 0) {
    return (
      <Card>
        <Empty
          className="page-empty"
          description={
            <>
              <Typography.Paragraph strong>还没有组织机构</Typography.Paragraph>
              <Typography.Paragraph type="secondary">
                可以在“导入回收”中导入本单位现有的党组织台账（Excel 或 WPS 表格），系统会自动建立组织机构树；
                也可以请管理员运行 <Typography.Text code>npm run cli -- seed --db 数据库路径 --size league</Typography.Text> 生成演示数据试用。
              </Typography.Paragraph>
            </>
          }
        />
      </Card>
    );
  }

  return (
    <Flex gap={16} align="start" style={{ height: '100%' }}>
      <Card title="组织机构树" size="small" style={{ width: 420, flex: 'none' }} extra={year ? <Tag>{year} 年台账</Tag> : null}>
        <Tree<TreeNode>
          treeData={roots}
          loadData={loadData}
          expandedKeys={expanded}
          onExpand={(keys) => setExpanded(keys as number[])}
          selectedKeys={selected ? [selected.id] : []}
          onSelect={(_keys, info) => setSelected(info.node.org)}
          height={640}
          blockNode
        />
      </Card>
      <div style={{ flex: 1, minWidth: 0 }}>{selected ? <OrgDetail org={selected} year={year} kindLabel={kindLabel} fieldLabel={fieldLabel} /> : null}</div>
    </Flex>
  );
}

function OrgDetail({ org, year, kindLabel, fieldLabel }: { org: OrgNode; year: number | null; kindLabel: (c: string | null) => string; fieldLabel: (c: string | null) => string }) {
  const children = useCall('org.children', { parentId: org.id, ...(year ? { year } : {}) });
  return (
    <Card title={org.name} size="small">
      <Descriptions size="small" column={3} bordered style={{ marginBottom: 16 }}>
        <Descriptions.Item label="层级">{orgLevelLabels[org.level]}</Descriptions.Item>
        <Descriptions.Item label="类别">{kindLabel(org.kind)}</Descriptions.Item>
        <Descriptions.Item label="单位代码">{org.code ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="党支部（党总支）">{numberFormat.format(org.branchCount)} 个</Descriptions.Item>
        <Descriptions.Item label="党员">{numberFormat.format(org.memberCount)} 名</Descriptions.Item>
        <Descriptions.Item label="领域">{org.field ? fieldLabel(org.field) : '—'}</Descriptions.Item>
      </Descriptions>
      {org.childCount > 0 && (
        <Table<OrgNode>
          size="small"
          rowKey="id"
          loading={children.loading}
          dataSource={children.data?.nodes ?? []}
          pagination={{ pageSize: 50, showSizeChanger: false, showTotal: (t) => `共 ${t} 个下级党组织` }}
          columns={[
            { title: '名称', dataIndex: 'name' },
            { title: '类别', dataIndex: 'kind', width: 140, render: (k: string) => kindLabel(k) },
            { title: '领域', dataIndex: 'field', width: 130, render: (f: string | null) => (f ? fieldLabel(f) : '—') },
            { title: '党支部（个）', dataIndex: 'branchCount', width: 110, align: 'right', render: (n: number) => numberFormat.format(n) },
            { title: '党员（名）', dataIndex: 'memberCount', width: 110, align: 'right', render: (n: number) => numberFormat.format(n) },
          ]}
        />
      )}
    </Card>
  );
}
