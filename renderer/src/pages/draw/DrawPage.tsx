/**
 * A page of its own for the draw panel until the 最强党支部 page hosts it as a tab: the year and
 * the unit (the one every page shows), then the panel.
 */
import { InputNumber, Space } from 'antd';
import { useState } from 'react';
import { useUnit } from '../../unit.tsx';
import { ScopePicker } from '../ledger/ScopePicker.tsx';
import { DrawPanel } from './DrawPanel.tsx';

export function DrawPage() {
  const { current: unit, setCurrent } = useUnit();
  const [year, setYear] = useState(() => new Date().getFullYear());
  return (
    <>
      <Space style={{ marginBottom: 16 }}>
        年度
        <InputNumber aria-label="年度" min={1949} max={2100} precision={0} value={year} onChange={(v) => v && setYear(v)} style={{ width: 100 }} />
        抽签单位
        <ScopePicker value={unit} onChange={setCurrent} />
      </Space>
      <DrawPanel year={year} unitId={unit?.id ?? null} />
    </>
  );
}
