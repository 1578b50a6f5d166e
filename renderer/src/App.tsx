import { Suspense, useEffect, useState } from 'react';
import { Alert, App as AntApp, message, ConfigProvider, Layout, Menu, Button, Modal, Descriptions, Space, Spin, Typography } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import {
  ApartmentOutlined, TableOutlined, LinkOutlined, ExceptionOutlined, ExportOutlined, ImportOutlined, TrophyOutlined,
  BarChartOutlined, SettingOutlined, InfoCircleOutlined, UserOutlined, CheckSquareOutlined, AuditOutlined,
  CalculatorOutlined, LockOutlined,
} from '@ant-design/icons';
import { navItems, pageFromHash, type PageKey } from './nav.ts';
import { OrgPage } from './pages/org/OrgPage.tsx';
import { LedgerPage } from './pages/ledger/LedgerPage.tsx';
import type { BroughtFile } from './pages/import/ImportPage.tsx';
import {
  ChecklistPage,
  ConsolidatePage,
  ExportPage,
  ImportPage,
  LiaisonPage,
  PlannedPage,
  ProblemsPage,
  readLaterPagesWhenIdle,
  ReturnsPage,
  SettingsPage,
  StatsPage,
  StrongestPage,
} from './laterPages.ts';
import { useApi, useCall } from './api/context.tsx';
import { FirstRunDialog } from './FirstRunDialog.tsx';
import { UnitProvider, useUnit } from './unit.tsx';
import { AuthGate, useAuth } from './auth/AuthGate.tsx';
import { DamagedBanner } from './DamagedBanner.tsx';
import { Help } from './help/Help.tsx';
import { appTheme } from './theme.ts';

const icons: Record<PageKey, React.ReactNode> = {
  org: <ApartmentOutlined />, ledger: <TableOutlined />, liaison: <LinkOutlined />, problems: <ExceptionOutlined />,
  checklists: <CheckSquareOutlined />, strongest: <TrophyOutlined />,
  export: <ExportOutlined />, import: <ImportOutlined />, stats: <BarChartOutlined />, settings: <SettingOutlined />,
  consolidate: <CalculatorOutlined />,
  returns: <AuditOutlined />,
};

/** Pages that are one big grid: it fills the window and scrolls itself. */
const gridPages = new Set<PageKey>(['ledger', 'liaison', 'problems']);

export function App() {
  return (
    <AuthGate>
      <UnitProvider>
        <AppWindow />
      </UnitProvider>
    </AuthGate>
  );
}

function AppWindow() {
  const { status, error, reload } = useUnit();
  // Each opening of a page is a visit of its own, drawn afresh with fresh answers. A click to a
  // page whose code is still being read (laterPages.ts) is not drawn until it arrives: a quick
  // click back would otherwise find the page it left still up, as it was, and keep it.
  const [shown, setShown] = useState(() => ({ page: pageFromHash(window.location.hash), visit: 0 }));
  const page = shown.page;
  const setPage = (key: PageKey) => setShown((s) => (s.page === key ? s : { page: key, visit: s.visit + 1 }));
  const [aboutOpen, setAboutOpen] = useState(false);
  const auth = useAuth();
  useEffect(() => {
    const onHash = () => setPage(pageFromHash(window.location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  // One task later, so that a cell being typed into is saved first: the grid stops the edit when
  // it loses focus (the press on the menu) but tells its page in a task of its own (AG Grid's
  // events are asynchronous). A page changed at the click would be gone before that task, and the
  // typing with it: on a tap, or a busy PC, the press and the release come before any task runs.
  const go = (key: PageKey) =>
    setTimeout(() => {
      window.location.hash = `#/${key}`;
      setPage(key);
    }, 0);
  // A file dropped anywhere on the window goes to 导入回收 (whose own drop zone handles its drops).
  const [dropped, setDropped] = useState<BroughtFile | null>(null);
  useEffect(() => {
    const over = (e: DragEvent) => {
      if (e.dataTransfer?.types.includes('Files')) e.preventDefault();
    };
    const drop = (e: DragEvent) => {
      const file = e.dataTransfer?.files[0];
      if (e.defaultPrevented || !file) return;
      e.preventDefault();
      setDropped(file);
      window.location.hash = '#/import';
      setPage('import');
    };
    window.addEventListener('dragover', over);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragover', over);
      window.removeEventListener('drop', drop);
    };
  }, []);
  // The other pages' code is read once the first page is up and the window idle (laterPages.ts).
  useEffect(() => {
    if (status) readLaterPagesWhenIdle();
  }, [status]);
  // So does a spreadsheet the desktop app was started with (opened with 组工台账 from the file
  // manager): taken at start, and again whenever a later start hands one over.
  const api = useApi();
  useEffect(() => {
    const take = () =>
      void api.call('shell.takeGivenFile', {}).then(({ path }) => {
        if (path === null) return;
        setDropped({ path });
        window.location.hash = '#/import';
        setPage('import');
      }, (e: Error) => void message.error(`读取打开方式传来的文件失败：${e.message}`));
    take();
    return api.on('shell.openFile', take);
  }, [api]);

  return (
    <ConfigProvider locale={zhCN} button={{ autoInsertSpace: false }} theme={appTheme}>
      <AntApp style={{ height: '100%' }}>
      <Layout style={{ height: '100%' }}>
        <Layout.Sider width={200} theme="dark" style={{ background: '#7f1d1d' }}>
          <div className="app-brand">
            组工台账
            <small>党支部分类台账与报表</small>
          </div>
          <Menu
            theme="dark"
            mode="inline"
            style={{ background: 'transparent' }}
            selectedKeys={[page]}
            onClick={(e) => go(e.key as PageKey)}
            items={navItems.map((n) => ({ key: n.key, label: n.label, icon: icons[n.key] }))}
          />
        </Layout.Sider>
        <Layout>
          <Layout.Header style={{ background: '#fff', padding: '0 24px', display: 'flex', alignItems: 'center', justifyContent: 'space-between', borderBottom: '1px solid #f0f0f0' }}>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {navItems.find((n) => n.key === page)?.label}
            </Typography.Title>
            <Space>
              {status && !status.empty && (
                <Button type="text" icon={<UserOutlined />} onClick={() => go('settings')} title="本单位与操作人（在“设置”中修改）" data-testid="whoami">
                  {[status.unit?.name, auth.status.unlocked ?? status.operatorName ?? status.account].filter(Boolean).join(' · ')}
                </Button>
              )}
              {auth.status.enabled && (
                <Button type="text" icon={<LockOutlined />} onClick={auth.lock} title="离开座位时锁定，回来后输入密码继续">
                  锁定
                </Button>
              )}
              <Button type="text" icon={<InfoCircleOutlined />} onClick={() => setAboutOpen(true)}>
                关于
              </Button>
              <Help page={page} />
            </Space>
          </Layout.Header>
          <DamagedBanner />
          <Layout.Content style={{ padding: gridPages.has(page) ? 12 : 24, overflow: gridPages.has(page) ? 'hidden' : 'auto' }}>
            {/* Pages start from the department's unit: they wait for it, and start again once the first run built the tree. */}
            {status ? (
              <Suspense fallback={<Spin />}>
                <PageBody key={`${status.empty}-${shown.visit}`} page={page} go={go} dropped={dropped} onDropTaken={() => setDropped(null)} />
              </Suspense>
            ) : error ? (
              <Alert type="error" showIcon message="读取本单位设置失败" description={error} />
            ) : (
              <Spin />
            )}
          </Layout.Content>
        </Layout>
      </Layout>
      <AboutDialog open={aboutOpen} onClose={() => setAboutOpen(false)} />
      {status?.empty && <FirstRunDialog account={status.account} onDone={() => void reload()} />}
      </AntApp>
    </ConfigProvider>
  );
}

function PageBody({ page, go, dropped, onDropTaken }: { page: PageKey; go: (key: PageKey) => void; dropped: BroughtFile | null; onDropTaken: () => void }) {
  switch (page) {
    case 'org':
      return <OrgPage />;
    case 'ledger':
      return <LedgerPage />;
    case 'liaison':
      return <LiaisonPage />;
    case 'problems':
      return <ProblemsPage />;
    case 'export':
      return <ExportPage />;
    case 'import':
      return <ImportPage dropped={dropped} onDropTaken={onDropTaken} />;
    case 'stats':
      return <StatsPage />;
    case 'strongest':
      return <StrongestPage />;
    case 'settings':
      return <SettingsPage />;
    case 'checklists':
      return <ChecklistPage go={go} />;
    case 'consolidate':
      return <ConsolidatePage />;
    case 'returns':
      return <ReturnsPage />;
    default:
      return <PlannedPage page={page} go={go} />;
  }
}

function AboutDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const info = useCall('app.info', {});
  return (
    <Modal title="关于组工台账" open={open} onCancel={onClose} onOk={onClose} cancelButtonProps={{ style: { display: 'none' } }} okText="关闭">
      <Typography.Paragraph>
        为组织部门工作人员设计的单机程序：管理党支部分类台账、党建工作联系点、问题清单，按上级格式导出报表并回收汇总。数据只保存在本机。
      </Typography.Paragraph>
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label="版本">{info.data?.version ?? '…'}</Descriptions.Item>
        <Descriptions.Item label="数据结构版本">{info.data?.schemaVersion ?? '…'}</Descriptions.Item>
        <Descriptions.Item label="数据库文件">{info.data?.dbPath ?? '…'}</Descriptions.Item>
        <Descriptions.Item label="运行方式">{info.data ? hostLabel(info.data.host) : '…'}</Descriptions.Item>
      </Descriptions>
    </Modal>
  );
}

function hostLabel(host: string): string {
  return host === 'electron' ? '桌面程序' : host === 'http' ? '浏览器（本机服务）' : host;
}
