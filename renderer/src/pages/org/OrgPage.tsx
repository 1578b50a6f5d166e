/**
 * 组织机构: the tree of Party organisations, loaded level by level from the core,
 * with each node's open branches and members; search by name or pinyin initials
 * (tyz → 天义镇); create, edit, move, close and reopen units.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { Alert, AutoComplete, Button, Card, Descriptions, Empty, Flex, Input, Space, Spin, Switch, Table, Tag, Tree, Typography } from 'antd';
import { PlusOutlined, EditOutlined, DragOutlined, StopOutlined, UndoOutlined, HistoryOutlined } from '@ant-design/icons';
import type { DataNode, EventDataNode } from 'antd/es/tree';
import type { GetRef } from 'antd';

type TreeRef = GetRef<typeof Tree>;
import type { AuditEntry, OrgNode, OrgSearchHit } from '../../../../shared/contract/types.ts';
import { orgLevelLabels } from '../../../../shared/domain/org.ts';
import { useApi, useCall } from '../../api/context.tsx';
import { labeler, numberFormat } from '../../labels.ts';
import { CloseOrgDialog, CreateOrgDialog, EditOrgDialog, MoveOrgDialog } from './OrgDialogs.tsx';

interface TreeNode extends DataNode {
  key: number;
  org: OrgNode;
  children?: TreeNode[];
}

/**
 * A unit in the tree. `childCount` counts open children only: with closed units shown, a unit that
 * may hold some (a closed township's branches are closed with it) can be opened, and shows what it holds.
 */
function toTreeNode(org: OrgNode, showClosed: boolean): TreeNode {
  return {
    key: org.id,
    org,
    isLeaf: showClosed ? org.level === 'branch' && org.kind !== 'general_branch' : org.childCount === 0,
    title: (
      <span className="org-tree-title" data-org-id={org.id}>
        <span className="name" style={org.closedOn ? { textDecoration: 'line-through', color: '#999' } : undefined}>{org.name}</span>
        {org.closedOn && <Tag>已撤销</Tag>}
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

type Dialog = 'create-root' | 'create' | 'edit' | 'move' | 'close' | null;

export function OrgPage() {
  const api = useApi();
  const dicts = useCall('dict.list', {});
  const kindLabel = labeler(dicts.data, 'org_kind');
  const fieldLabel = labeler(dicts.data, 'field');
  const [roots, setRoots] = useState<TreeNode[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [year, setYear] = useState<number | null>(null);
  const [expanded, setExpanded] = useState<number[]>([]);
  // Which units' children the tree holds. Kept here, not in the tree: a reload (after a change, or 含已撤销)
  // drops the children of closed branches, and the tree must then ask for them again when they are opened.
  const [loaded, setLoaded] = useState<number[]>([]);
  const [selected, setSelected] = useState<OrgNode | null>(null);
  const [showClosed, setShowClosed] = useState(false);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [hits, setHits] = useState<OrgSearchHit[]>([]);
  const [query, setQuery] = useState('');
  const treeRef = useRef<TreeRef>(null);

  const children = useCallback(
    async (parentId: number | null) => (await api.call('org.children', { parentId, includeClosed: showClosed, ...(year ? { year } : {}) })).nodes,
    [api, showClosed, year],
  );

  /** Loads the roots and every branch of `openIds` again (after a change), keeping what was open. */
  const reload = useCallback(
    async (openIds: number[], select?: number) => {
      try {
        const r = await api.call('org.children', { parentId: null, includeClosed: showClosed });
        setYear(r.year);
        const node = (o: OrgNode) => toTreeNode(o, showClosed);
        let tree = r.nodes.map(node);
        const open = openIds.length ? openIds : r.nodes[0] && r.nodes[0].childCount > 0 ? [r.nodes[0].id] : [];
        const found = new Map<number, OrgNode>(r.nodes.map((n) => [n.id, n]));
        for (const id of open) {
          const kids = (await api.call('org.children', { parentId: id, includeClosed: showClosed, year: r.year })).nodes;
          kids.forEach((k) => found.set(k.id, k));
          tree = attach(tree, id, kids.map(node));
        }
        setRoots(tree);
        setExpanded(open);
        setLoaded(open);
        const pick = select ?? open[0] ?? r.nodes[0]?.id;
        setSelected(pick !== undefined ? (found.get(pick) ?? null) : null);
      } catch (e) {
        setError((e as Error).message);
      }
    },
    [api, showClosed],
  );

  useEffect(() => {
    void reload([]);
  }, [reload]);

  const loadData = useCallback(
    async (node: EventDataNode<TreeNode>) => {
      if (node.children) return;
      const kids = await children(node.key);
      setRoots((prev) => (prev ? attach(prev, node.key, kids.map((o) => toTreeNode(o, showClosed))) : prev));
      setLoaded((prev) => [...prev, node.key]);
    },
    [children, showClosed],
  );

  const search = async (text: string) => {
    setQuery(text);
    if (!text.trim()) return setHits([]);
    setHits(await api.call('org.search', { query: text.trim(), limit: 20, includeClosed: showClosed }));
  };

  /** Shows a unit in the tree, its ancestors opened (`ancestors` from the top), and selects it. */
  const show = async (id: number, ancestors: number[]) => {
    await reload([...new Set([...expanded, ...ancestors])], id);
    // The tree is a virtual list: ask it to scroll, the DOM node may not exist yet.
    setTimeout(() => treeRef.current?.scrollTo({ key: id, align: 'auto', offset: 60 }), 50);
  };
  const goTo = async (hit: OrgSearchHit) => {
    await show(hit.node.id, hit.pathIds.slice(0, -1));
    setQuery('');
    setHits([]);
  };

  const afterChange = (select?: number) => {
    setDialog(null);
    void reload(expanded, select ?? selected?.id);
  };

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
                先建立本级党组织（盟市委或旗县区委），再逐级添加下级党委和党支部；以后也可以在“导入回收”中直接导入现有的台账表格。
              </Typography.Paragraph>
            </>
          }
        >
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog('create-root')}>新建最上级党组织</Button>
        </Empty>
        {dialog === 'create-root' && <CreateOrgDialog parent={null} dicts={dicts.data ?? []} onClose={() => setDialog(null)} onDone={() => afterChange()} />}
      </Card>
    );
  }

  return (
    <Flex gap={16} align="start" style={{ height: '100%' }}>
      <Card
        title="组织机构树"
        size="small"
        style={{ width: 440, flex: 'none' }}
        extra={
          <Space size="small">
            <Switch size="small" checked={showClosed} onChange={setShowClosed} /> <span style={{ fontSize: 12 }}>含已撤销</span>
            {year ? <Tag>{year} 年台账</Tag> : null}
          </Space>
        }
      >
        <AutoComplete
          style={{ width: '100%', marginBottom: 8 }}
          value={query}
          onSearch={(t) => void search(t)}
          onSelect={(_v: string, o: { hit: OrgSearchHit }) => void goTo(o.hit)}
          options={hits.map((h) => ({
            value: String(h.node.id),
            hit: h,
            label: (
              <div data-testid="org-search-hit">
                <div>{h.node.name}</div>
                <div style={{ fontSize: 12, color: '#999' }}>{h.pathNames.join(' / ') || '最上级'}</div>
              </div>
            ),
          }))}
          notFoundContent={query ? '没有找到' : null}
        >
          <Input.Search placeholder="搜索名称、拼音首字母（如 tyz）或单位代码" allowClear aria-label="搜索党组织" />
        </AutoComplete>
        <Tree<TreeNode>
          ref={treeRef}
          treeData={roots}
          loadData={loadData}
          expandedKeys={expanded}
          onExpand={(keys) => setExpanded(keys as number[])}
          loadedKeys={loaded}
          selectedKeys={selected ? [selected.id] : []}
          onSelect={(_keys, info) => setSelected(info.node.org)}
          height={600}
          blockNode
        />
      </Card>
      <div style={{ flex: 1, minWidth: 0 }}>
        {selected ? (
          <OrgDetail
            key={`${selected.id}-${selected.name}-${selected.closedOn}`}
            org={selected}
            year={year}
            kindLabel={kindLabel}
            fieldLabel={fieldLabel}
            onAction={setDialog}
            showClosed={showClosed}
            // A row of the 下级 table opens that unit, as a click on it in the tree does (the unit shown is open in the tree already).
            onOpenChild={(child) => void show(child.id, [selected.id])}
            onReopen={async () => {
              await api.call('org.reopen', { id: selected.id });
              afterChange();
            }}
          />
        ) : null}
      </div>
      {dialog === 'create' && selected && <CreateOrgDialog parent={selected} dicts={dicts.data ?? []} onClose={() => setDialog(null)} onDone={() => afterChange()} />}
      {dialog === 'edit' && selected && <EditOrgDialog org={selected} dicts={dicts.data ?? []} onClose={() => setDialog(null)} onDone={() => afterChange()} />}
      {dialog === 'move' && selected && <MoveOrgDialog org={selected} onClose={() => setDialog(null)} onDone={() => afterChange()} />}
      {dialog === 'close' && selected && <CloseOrgDialog org={selected} onClose={() => setDialog(null)} onDone={() => afterChange(selected.parentId ?? undefined)} />}
    </Flex>
  );
}

function OrgDetail({
  org, year, kindLabel, fieldLabel, onAction, onReopen, onOpenChild, showClosed,
}: {
  org: OrgNode;
  year: number | null;
  kindLabel: (c: string | null) => string;
  fieldLabel: (c: string | null) => string;
  onAction: (d: Dialog) => void;
  onReopen: () => void;
  onOpenChild: (child: OrgNode) => void;
  showClosed: boolean;
}) {
  const children = useCall('org.children', { parentId: org.id, includeClosed: showClosed, ...(year ? { year } : {}) });
  const [showHistory, setShowHistory] = useState(false);
  const canHaveChildren = org.level !== 'branch' || org.kind === 'general_branch';
  return (
    <Card
      title={org.name}
      size="small"
      extra={
        <Space size="small" wrap>
          {!org.closedOn && canHaveChildren && <Button size="small" icon={<PlusOutlined />} onClick={() => onAction('create')}>新建下级</Button>}
          {!org.closedOn && <Button size="small" icon={<EditOutlined />} onClick={() => onAction('edit')}>修改</Button>}
          {!org.closedOn && org.parentId !== null && <Button size="small" icon={<DragOutlined />} onClick={() => onAction('move')}>移动</Button>}
          {!org.closedOn && org.parentId !== null && <Button size="small" danger icon={<StopOutlined />} onClick={() => onAction('close')}>撤销</Button>}
          {org.closedOn && <Button size="small" icon={<UndoOutlined />} onClick={onReopen}>恢复</Button>}
          <Button size="small" icon={<HistoryOutlined />} onClick={() => setShowHistory((s) => !s)}>修改记录</Button>
        </Space>
      }
    >
      <Descriptions size="small" column={3} bordered style={{ marginBottom: 16 }}>
        <Descriptions.Item label="层级">{orgLevelLabels[org.level]}</Descriptions.Item>
        <Descriptions.Item label="类别">{kindLabel(org.kind)}</Descriptions.Item>
        <Descriptions.Item label="单位代码">{org.code ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="党支部（党总支）">{numberFormat.format(org.branchCount)} 个</Descriptions.Item>
        <Descriptions.Item label="党员">{numberFormat.format(org.memberCount)} 名</Descriptions.Item>
        <Descriptions.Item label={org.closedOn ? '撤销日期' : '领域'}>{org.closedOn ?? (org.field ? fieldLabel(org.field) : '—')}</Descriptions.Item>
      </Descriptions>
      {showHistory && <OrgHistory id={org.id} />}
      {(org.childCount > 0 || (showClosed && canHaveChildren)) && (
        <Table<OrgNode>
          size="small"
          rowKey="id"
          loading={children.loading}
          dataSource={children.data?.nodes ?? []}
          onRow={(child) => ({ onClick: () => onOpenChild(child), style: { cursor: 'pointer' } })}
          pagination={{ pageSize: 50, showSizeChanger: false, showTotal: (t) => `共 ${t} 个下级党组织` }}
          columns={[
            { title: '名称', dataIndex: 'name', render: (name: string, child) => (child.closedOn ? <><span style={{ textDecoration: 'line-through', color: '#999' }}>{name}</span> <Tag>已撤销</Tag></> : <a>{name}</a>) },
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

function OrgHistory({ id }: { id: number }) {
  const history = useCall('org.history', { id });
  return (
    <Table<AuditEntry>
      size="small"
      rowKey="id"
      style={{ marginBottom: 16 }}
      loading={history.loading}
      dataSource={history.data ?? []}
      locale={{ emptyText: '没有修改记录' }}
      pagination={{ pageSize: 10, hideOnSinglePage: true }}
      columns={[
        { title: '时间', dataIndex: 'at', width: 160, render: (at: string) => new Date(at).toLocaleString('zh-CN', { hour12: false }) },
        { title: '操作人', dataIndex: 'actor', width: 90 },
        { title: '内容', render: (_: unknown, e) => e.summary },
      ]}
    />
  );
}
