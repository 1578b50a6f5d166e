/**
 * A filter of a few choices in a toolbar: tabs (Segmented) on a wide window; on a short one
 * (1366×768), a compact list, so the toolbar keeps one line and 20 rows show.
 */
import { Segmented, Select } from 'antd';
import { useShortWindow } from './screen.ts';

export function Choices<T extends string>(props: { value: T; onChange: (v: T) => void; options: { value: T; label: string }[]; label: string; width: number; testId?: string }) {
  const short = useShortWindow();
  return short ? (
    <Select<T> style={{ width: props.width }} popupMatchSelectWidth={false} value={props.value} onChange={props.onChange} options={props.options} aria-label={props.label} data-testid={props.testId} />
  ) : (
    <Segmented<T> value={props.value} onChange={props.onChange} options={props.options} aria-label={props.label} />
  );
}
