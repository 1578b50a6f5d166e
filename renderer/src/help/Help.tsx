/**
 * 帮助 on every page (issue 20): the ? button of the header and F1 open the user manual beside the
 * work, at the chapter of the page one is on; after the first run, a short guided tour of the first
 * hour is offered once. Only this small part is in the first screen: the manual, its pictures and
 * the tour load when first asked for.
 */
import { lazy, Suspense, useCallback, useEffect, useRef, useState } from 'react';
import { Button, message, Popover, Space, Typography } from 'antd';
import { QuestionCircleOutlined } from '@ant-design/icons';
import type { PageKey } from '../nav.ts';
import { useApi } from '../api/context.tsx';
import { useUnit } from '../unit.tsx';
import './help.css';

const HelpPanel = lazy(() => import('./HelpPanel.tsx'));
const FirstHourTour = lazy(() => import('./FirstHourTour.tsx'));

/** Where the panel opens: a page's chapter; `at` tells a second F1 on the same page to go there again. */
export interface HelpTarget {
  page: PageKey;
  at: number;
}

export function Help({ page }: { page: PageKey }) {
  const api = useApi();
  const { status } = useUnit();
  const [target, setTarget] = useState<HelpTarget | null>(null);
  const [open, setOpen] = useState(false);
  const [touring, setTouring] = useState(false);
  const [offered, setOffered] = useState(false);
  const pageRef = useRef(page);
  pageRef.current = page;

  const openHelp = useCallback(() => {
    setTarget({ page: pageRef.current, at: Date.now() });
    setOpen(true);
  }, []);

  // Open beside the work while one moves on: the panel turns to the new page's chapter.
  useEffect(() => {
    if (open) setTarget((t) => (t && t.page !== page ? { page, at: Date.now() } : t));
  }, [open, page]);

  // F1 wherever the focus is — a grid cell, an editor, a dialog — and nothing else sees the key:
  // taken on the way down (capture on the window), before the grid's own keys.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'F1') return;
      e.preventDefault();
      e.stopImmediatePropagation();
      openHelp();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [openHelp]);

  const recordTour = useCallback(
    (outcome: 'shown' | 'skipped') =>
      void api.call('help.tourDone', { outcome }).catch((e: Error) => message.warning(`没能记下入门引导已${outcome === 'shown' ? '看过' : '跳过'}（下次打开可能再次提示）：${e.message}`)),
    [api],
  );

  // The tour is offered on the screen the first run ends on; moving to another page is declining it
  // (it stays in 帮助, under 重新查看入门引导).
  const ready = status !== undefined && !status.empty;
  const offeredOn = useRef<PageKey | null>(null);
  useEffect(() => {
    if (!ready) return;
    const askedOn = pageRef.current;
    let live = true;
    api.call('help.tour', {}).then(
      (tour) => {
        if (!live || !tour.offer) return;
        if (pageRef.current !== askedOn) return recordTour('skipped');
        offeredOn.current = askedOn;
        setOffered(true);
      },
      // Only an offer: the app works the same without it.
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [api, ready, recordTour]);
  useEffect(() => {
    if (offered && offeredOn.current !== page) {
      setOffered(false);
      recordTour('skipped');
    }
  }, [offered, page, recordTour]);

  const startTour = () => {
    setOffered(false);
    offeredOn.current = null;
    setOpen(false);
    setTouring(true);
  };
  const skipTour = () => {
    setOffered(false);
    offeredOn.current = null;
    recordTour('skipped');
  };

  const offer = (
    <div className="help-tour-offer" data-testid="tour-offer">
      <Typography.Paragraph style={{ marginBottom: 8 }}>
        第一次使用？用一分钟看看第一个小时怎样做：
        <br />
        选择本单位 → 导入台账 → 核对 → 导出报表。
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>
        以后也可以按 F1 或点“?”打开帮助，从【重新查看入门引导】再看。
      </Typography.Paragraph>
      <Space>
        <Button type="primary" size="small" onClick={startTour}>
          开始入门引导
        </Button>
        <Button size="small" onClick={skipTour}>
          跳过
        </Button>
      </Space>
    </div>
  );

  return (
    <>
      <Popover open={offered} content={offer} title="入门引导" placement="bottomRight">
        <Button type="text" icon={<QuestionCircleOutlined />} aria-label="帮助" title="帮助（F1）：打开本页的使用说明" onClick={openHelp} data-testid="help-button" />
      </Popover>
      {target && (
        <Suspense fallback={null}>
          <HelpPanel open={open} target={target} onClose={() => setOpen(false)} onTour={startTour} />
        </Suspense>
      )}
      {touring && (
        <Suspense fallback={null}>
          <FirstHourTour
            onEnd={(outcome) => {
              setTouring(false);
              recordTour(outcome);
            }}
          />
        </Suspense>
      )}
    </>
  );
}
