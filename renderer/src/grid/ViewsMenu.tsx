/**
 * 视图: a page's grid as a person arranged it (columns: order, width, hidden, pinned; sort; the
 * column filters; the quick search), saved under a name, renamed, deleted, and one of them the
 * page's default, which the page opens with.
 */
import { useEffect, useRef, useState } from 'react';
import { App as AntApp, Button, Dropdown, Form, Input, List, Modal, Popconfirm, Space, Tag, type InputRef } from 'antd';
import { EyeOutlined } from '@ant-design/icons';
import type { ColDef, ColumnState, GridApi } from 'ag-grid-community';
import type { SavedView } from '../../../shared/contract/types.ts';
import { useApi, useCall } from '../api/context.tsx';

/** What a saved view holds. The filter is AG Grid's filter model, whatever filters the columns use. */
export interface ViewState {
  columns?: ColumnState[];
  filter?: Record<string, unknown> | null;
  quick?: string;
}

export function viewStateOf<T>(api: GridApi<T>, quick: string): ViewState {
  return { columns: api.getColumnState(), filter: api.getFilterModel(), quick };
}

export function applyViewState<T>(api: GridApi<T>, state: ViewState, setQuick: (q: string) => void): void {
  if (state.columns) api.applyColumnState({ state: state.columns, applyOrder: true });
  api.setFilterModel(state.filter ?? null);
  setQuick(state.quick ?? '');
}

/**
 * The page's columns with their width, pinning and sort as starting values only: columns set
 * again (the dictionaries arrive, the unit changes) would otherwise put back the widths and
 * order a view changed. `hide` stays as given: the page shows 旗县区 by the unit chosen.
 */
export function startingState<T>(cols: ColDef<T>[]): ColDef<T>[] {
  return cols.map(({ width, pinned, sort, ...rest }) => ({
    ...rest,
    ...(width != null ? { initialWidth: width } : {}),
    ...(pinned != null ? { initialPinned: pinned } : {}),
    ...(sort != null ? { initialSort: sort } : {}),
  }));
}

/** Why a name cannot be a view's name, or null. `except`: the view being renamed. */
export function nameProblem(name: string, views: readonly SavedView[], except?: number): string | null {
  const n = name.trim();
  if (!n) return '请填写视图名称';
  if (views.some((v) => v.name === n && v.id !== except)) return `已有名为“${n}”的视图，请换一个名称`;
  return null;
}

interface Props<T> {
  /** The page's grid name in the store ('ledger'). */
  grid: string;
  api(): GridApi<T> | undefined;
  quick: string;
  setQuick(q: string): void;
  /** The grid is there with its first rows: the default view can be applied. */
  ready: boolean;
}

export function ViewsMenu<T>({ grid, api: gridApi, quick, setQuick, ready }: Props<T>) {
  const api = useApi();
  const { message } = AntApp.useApp();
  const views = useCall('view.list', { grid });
  const list = views.data ?? [];
  const [naming, setNaming] = useState<{ rename?: SavedView } | null>(null);
  const [managing, setManaging] = useState(false);
  // The view last opened or saved, named on the button: after a reload a person sees which one the page opened with.
  const [current, setCurrent] = useState<string | null>(null);

  // The default view, once, when the page opens (not again when the list is read after a change).
  // AG Grid hands out its API only once its own parts are drawn, which can be a frame or more after
  // the rows are there: until then, look again each frame (returning then lost the default view).
  const opened = useRef(false);
  const [lookAgain, setLookAgain] = useState(0);
  useEffect(() => {
    if (opened.current || !ready || !views.data) return;
    const g = gridApi();
    if (!g) {
      const frame = requestAnimationFrame(() => setLookAgain((n) => n + 1));
      return () => cancelAnimationFrame(frame);
    }
    opened.current = true;
    const d = views.data.find((v) => v.isDefault);
    if (d) {
      applyViewState(g, d.state as ViewState, setQuick);
      setCurrent(d.name);
    }
  }, [ready, views.data, gridApi, setQuick, lookAgain]);

  const apply = (v: SavedView) => {
    const g = gridApi();
    if (!g) return;
    applyViewState(g, v.state as ViewState, setQuick);
    setCurrent(v.name);
    message.success(`已切换到视图“${v.name}”`);
  };

  const saveNamed = async (name: string) => {
    if (naming?.rename) {
      await api.call('view.rename', { id: naming.rename.id, name });
      if (current === naming.rename.name) setCurrent(name);
      message.success(`已将视图“${naming.rename.name}”改名为“${name}”`);
    } else {
      const g = gridApi();
      if (!g) return;
      await api.call('view.save', { grid, name, state: { ...viewStateOf(g, quick) } });
      setCurrent(name);
      message.success(`已保存视图“${name}”（列、筛选和排序）`);
    }
    setNaming(null);
    views.reload();
  };

  const setDefault = async (v: SavedView, isDefault: boolean) => {
    try {
      await api.call('view.setDefault', { id: v.id, isDefault });
      message.success(isDefault ? `打开本页时将使用视图“${v.name}”` : `已取消默认视图，打开本页时显示全部列`);
      views.reload();
    } catch (e) {
      message.error((e as Error).message);
    }
  };

  const remove = async (v: SavedView) => {
    try {
      await api.call('view.delete', { id: v.id });
      if (current === v.name) setCurrent(null);
      message.success(`已删除视图“${v.name}”`);
      views.reload();
    } catch (e) {
      message.error((e as Error).message);
    }
  };

  return (
    <>
      <Dropdown
        trigger={['click']}
        menu={{
          items: [
            ...list.map((v) => ({ key: String(v.id), label: v.isDefault ? `${v.name}（默认）` : v.name })),
            ...(list.length ? [{ type: 'divider' as const }] : []),
            { key: 'save', label: '保存当前视图…' },
            { key: 'manage', label: '管理视图…', disabled: list.length === 0 },
            { key: 'reset', label: '恢复原始视图（全部列、不筛选）' },
          ],
          onClick: ({ key }) => {
            if (key === 'save') setNaming({});
            else if (key === 'manage') setManaging(true);
            else if (key === 'reset') {
              const g = gridApi();
              g?.resetColumnState();
              g?.setFilterModel(null);
              setQuick('');
              setCurrent(null);
            } else {
              const v = list.find((x) => String(x.id) === key);
              if (v) apply(v);
            }
          },
        }}
      >
        <Button icon={<EyeOutlined />} title={current ? `当前视图：${current}` : undefined}>
          {current ? <span className="views-current">视图：{current}</span> : '视图'}
        </Button>
      </Dropdown>
      {naming && (
        <NameDialog
          title={naming.rename ? `重命名视图“${naming.rename.name}”` : '保存当前视图'}
          okText={naming.rename ? '重命名' : '保存'}
          initial={naming.rename?.name ?? ''}
          check={(n) => nameProblem(n, list, naming.rename?.id)}
          onOk={saveNamed}
          onCancel={() => setNaming(null)}
        />
      )}
      {managing && (
        <Modal open title="管理视图" footer={null} onCancel={() => setManaging(false)} width={680}>
          <List
            size="small"
            dataSource={list}
            locale={{ emptyText: '还没有保存的视图' }}
            renderItem={(v) => (
              <List.Item
                data-testid={`view-${v.name}`}
                actions={[
                  <Button key="apply" size="small" type="link" onClick={() => apply(v)}>应用</Button>,
                  <Button key="rename" size="small" type="link" onClick={() => setNaming({ rename: v })}>重命名</Button>,
                  v.isDefault ? (
                    <Button key="default" size="small" type="link" onClick={() => void setDefault(v, false)}>取消默认</Button>
                  ) : (
                    <Button key="default" size="small" type="link" onClick={() => void setDefault(v, true)}>设为默认</Button>
                  ),
                  <Popconfirm key="delete" title={`删除视图“${v.name}”？`} description="只删除这个视图的设置，不影响表格中的数据。" okText="删除" cancelText="取消" okButtonProps={{ danger: true }} onConfirm={() => remove(v)}>
                    <Button size="small" type="link" danger>删除</Button>
                  </Popconfirm>,
                ]}
              >
                <Space>
                  {v.name}
                  {v.isDefault && <Tag color="blue">默认</Tag>}
                </Space>
              </List.Item>
            )}
          />
        </Modal>
      )}
    </>
  );
}

/** A name typed fresh: the field starts empty (or with the name being changed), Enter saves, Esc cancels. */
function NameDialog(props: { title: string; okText: string; initial: string; check(name: string): string | null; onOk(name: string): Promise<void>; onCancel(): void }) {
  const [name, setName] = useState(props.initial);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const field = useRef<InputRef>(null);
  const typed = useRef(false);
  const submit = async () => {
    const p = props.check(name);
    setProblem(p);
    if (p || busy) return;
    setBusy(true);
    try {
      await props.onOk(name.trim());
    } catch (e) {
      // The core's refusal (a name taken meanwhile in another window) beside the field too.
      setProblem((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={props.title}
      okText={props.okText}
      cancelText="取消"
      onOk={() => void submit()}
      onCancel={props.onCancel}
      confirmLoading={busy}
      destroyOnHidden
      keyboard
      // Opened over 管理视图, autoFocus lost to the dialog's own focus: the name is selected once it is up, so typing replaces it.
      // Not once typing has begun: keys typed as the dialog faced in were selected here, and the next key replaced them
      // (a view saved as “镇按人数” for “乡镇按人数”).
      afterOpenChange={(open) => open && !typed.current && field.current?.focus({ cursor: 'all' })}
    >
      <Form layout="vertical" onSubmitCapture={(e) => e.preventDefault()}>
        <Form.Item label="视图名称" validateStatus={problem ? 'error' : ''} help={problem ?? '如：只看后进党支部'}>
          <Input
            ref={field}
            autoFocus
            value={name}
            maxLength={40}
            aria-label="视图名称"
            onChange={(e) => {
              typed.current = true;
              setName(e.target.value);
              setProblem(null);
            }}
            onPressEnter={() => void submit()}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
