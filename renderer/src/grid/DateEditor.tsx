/**
 * The in-cell editor of date columns: the text editor (typing lands whole, 2026.3.5, 2026-03-05,
 * 20260305, 2026年3月 are read by the core as they always were, a word it cannot read is kept red),
 * with antd's calendar under the cell to pick a date instead. The calendar opens when the editor was
 * opened to pick (a double click, Alt+↓) or from the button at the cell's right end; typing moves
 * it to the date typed. It is a vanilla editor like TextEditor, not a React one, so that nothing is
 * mounted between a key and the input that takes it: the calendar alone is drawn by React, later.
 */
import { createRoot, type Root } from 'react-dom/client';
import { ConfigProvider, DatePicker } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs, { type Dayjs } from 'dayjs';
import { parseDate } from '../../../shared/domain/normalize.ts';
import { TextEditor, type TextEditorParams } from './TextEditor.ts';
import { appTheme } from '../theme.ts';
import './DateEditor.css';

export interface DateEditorParams extends TextEditorParams {
  /** Opened to pick a date (a double click, Alt+↓): the calendar shows at once. */
  pick?: boolean;
  /** A column that also keeps a month alone (换届时间: 2024年3月). */
  month?: boolean;
}

/** AG Grid keeps editing while the focus is in an element with this class (a popup of the editor's own). */
const EDITOR_POPUP = 'ag-custom-component-popup';

const CALENDAR_ICON =
  '<svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true"><rect x="1.5" y="3" width="13" height="11.5" rx="1.5" fill="none" stroke="currentColor"/><path d="M1.5 6.5h13M5 1.5v3M11 1.5v3" stroke="currentColor"/></svg>';

export class DateEditor extends TextEditor {
  private calendar: Root | null = null;
  private anchor!: HTMLElement;
  private month = false;

  private readonly onDateKey = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown' && e.altKey) {
      e.preventDefault();
      e.stopPropagation();
      this.toggleCalendar();
    }
  };

  /** What is typed moves the open calendar to that date. */
  private readonly onDateInput = () => {
    if (this.calendar) this.drawCalendar();
  };

  override init(params: DateEditorParams): void {
    super.init(params);
    this.month = params.month ?? false;
    this.gui.classList.add('date-cell-editor');
    const button = document.createElement('button');
    button.type = 'button';
    button.tabIndex = -1;
    button.className = 'date-cell-editor-button';
    button.title = '选择日期（Alt+↓）';
    button.setAttribute('aria-label', '选择日期');
    button.innerHTML = CALENDAR_ICON;
    // Pressed, the button must not take the focus from the input: the grid would end the edit.
    button.addEventListener('mousedown', (e) => {
      e.preventDefault();
      this.toggleCalendar();
    });
    this.anchor = document.createElement('div');
    this.anchor.className = 'date-cell-editor-anchor';
    this.gui.append(button, this.anchor);
    this.input.addEventListener('keydown', this.onDateKey as EventListener);
    this.input.addEventListener('input', this.onDateInput);
  }

  override afterGuiAttached(): void {
    super.afterGuiAttached();
    if ((this.params as DateEditorParams).pick) this.toggleCalendar();
  }

  private toggleCalendar(): void {
    if (this.calendar) {
      this.closeCalendar();
      return;
    }
    this.calendar = createRoot(this.anchor);
    this.drawCalendar();
  }

  private closeCalendar(): void {
    const root = this.calendar;
    this.calendar = null;
    // The grid may destroy the editor while React is drawing: unmount after that.
    if (root) setTimeout(() => root.unmount(), 0);
  }

  private drawCalendar(): void {
    const parsed = parseDate(this.input.value, { month: this.month });
    const shown = parsed.ok && parsed.value ? dayjs(parsed.value) : null;
    this.calendar?.render(
      // A root of its own is outside the app's ConfigProvider: the same locale and colours again.
      <ConfigProvider locale={zhCN} theme={appTheme}>
        <DatePicker
          open
          value={shown?.isValid() ? shown : null}
          onChange={this.picked}
          allowClear={false}
          inputReadOnly
          tabIndex={-1}
          placement="bottomLeft"
          getPopupContainer={() => document.body}
          classNames={{ popup: { root: `${EDITOR_POPUP} date-cell-editor-popup` } }}
          // A press in the calendar keeps the focus in the cell's input (the edit goes on).
          panelRender={(panel) => <div onMouseDown={(e) => e.preventDefault()}>{panel}</div>}
          style={{ position: 'absolute', inset: 0, opacity: 0, pointerEvents: 'none' }}
          aria-hidden
        />
      </ConfigProvider>,
    );
  }

  /** A date picked: written as the text a person would type, and saved as Enter saves it. */
  private readonly picked = (d: Dayjs | null) => {
    if (!d) return;
    this.input.value = d.format('YYYY-MM-DD');
    this.touched = true;
    this.params.stopEditing();
  };

  override destroy(): void {
    super.destroy();
    this.input.removeEventListener('keydown', this.onDateKey as EventListener);
    this.input.removeEventListener('input', this.onDateInput);
    this.closeCalendar();
  }
}
