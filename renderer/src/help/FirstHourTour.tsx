/**
 * The guided tour of the first hour, as the first-hour flow goes (tests/e2e/first-hour.test.ts):
 * our unit → import a ledger → 核对 (the check before anything is written) → export, then where
 * 帮助 is. Each step points at the real thing on the screen, going to its page when it has one.
 * Loaded only when the tour starts.
 */
import { useRef, useState } from 'react';
import { Tour, type TourStepProps } from 'antd';
import type { PageKey } from '../nav.ts';
import { pageFromHash } from '../nav.ts';

interface Step {
  title: string;
  description: string;
  /** The page the step is shown on (the tour goes there), if it is not about the side menu or the header. */
  page?: PageKey;
  target: () => HTMLElement | null;
}

const byTestId = (id: string) => () => document.querySelector<HTMLElement>(`[data-testid="${id}"]`);
const menuItem = (label: string) => () =>
  [...document.querySelectorAll<HTMLElement>('.ant-layout-sider .ant-menu-item')].find((li) => li.textContent?.trim() === label) ?? null;

const tourSteps: Step[] = [
  {
    title: '第一步：本单位',
    description: '刚才选择的本单位和您的姓名（操作人）显示在这里。各个页面都从本单位开始，每一处修改都记下操作人；要更换，到【设置】里修改。',
    target: byTestId('whoami'),
  },
  {
    title: '第二步：导入台账',
    description: '乡镇（街道）报回的台账、手工做的 Excel 或 WPS 表格，都从【导入回收】读入；也可以直接把文件拖到窗口里。',
    target: menuItem('导入回收'),
  },
  {
    title: '第三步：核对',
    description: '选好文件后程序先核对：认列、认取值、列出新增、修改、冲突和错误，不认识的写法逐个问您。核对不改动任何数据；没有错误后点【提交】才写入，整批可以撤销。',
    page: 'import',
    target: byTestId('import-drop'),
  },
  {
    title: '第四步：导出报表',
    description: '在【报表导出】选择表样和范围，导出可打印、可盖章的 Excel 报表，或给每个下级下发一份预先填好的表格。',
    target: menuItem('报表导出'),
  },
  {
    title: '随时查看帮助',
    description: '在任何页面按 F1 或点这里的“?”，帮助会翻到当前页面的说明；入门引导也可以在帮助里重新查看。',
    target: byTestId('help-button'),
  },
];

/** Waits (a few frames, at most a few seconds) for a page's part to be on the screen after going there. */
function whenShown(find: () => HTMLElement | null, then: () => void) {
  const until = performance.now() + 5000;
  const look = () => (find() || performance.now() > until ? then() : requestAnimationFrame(look));
  look();
}

export default function FirstHourTour({ onEnd }: { onEnd: (outcome: 'shown' | 'skipped') => void }) {
  const [current, setCurrent] = useState(0);
  const ended = useRef(false);
  const end = (outcome: 'shown' | 'skipped') => {
    if (ended.current) return;
    ended.current = true;
    onEnd(outcome);
  };

  const move = (next: number) => {
    const step = tourSteps[next];
    if (!step) return;
    if (step.page && pageFromHash(window.location.hash) !== step.page) window.location.hash = `#/${step.page}`;
    whenShown(step.target, () => setCurrent(next));
  };

  // Looked up on each render: the step is only made current once its part is on the screen (move).
  const steps: TourStepProps[] = tourSteps.map((s) => ({ title: s.title, description: s.description, target: s.target() }));
  return (
    <Tour
      open
      current={current}
      onChange={move}
      steps={steps}
      onFinish={() => end('shown')}
      onClose={() => end(current === tourSteps.length - 1 ? 'shown' : 'skipped')}
      rootClassName="first-hour-tour"
      data-testid="first-hour-tour"
    />
  );
}
