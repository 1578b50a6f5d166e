/**
 * The in-cell text editor of every grid (text, numbers, dates, phones). AG Grid's own text
 * editor loses what a fast typist types after Tab: the grid selects the new cell's text once
 * when the editor appears and once more a moment later (React attaches the editor in a
 * timeout), so the keys typed in between are selected by the second pass and replaced by the
 * next key ("13800002222" saved as "3800002222"). This editor selects only while the person
 * has typed nothing into it, and it opens with text committed onto a selected cell (by an
 * input method or a first key), so every key lands, in order.
 */
import type { ICellEditorComp, ICellEditorParams } from 'ag-grid-community';

export interface TextEditorParams extends ICellEditorParams {
  maxLength?: number;
  /** Text typed or committed onto the cell before its editor existed: the editor starts with it. */
  typed?: string | null;
  /** A long text whose line breaks are kept (a one-line input would drop them): Alt+Enter starts a new line, as in Excel. */
  multiline?: boolean;
}

/** A key that types a character (not Enter, F2, Backspace …, whose names are longer than one character). */
export const isCharacter = (key: string | null | undefined): key is string => typeof key === 'string' && [...key].length === 1;

/** Saves the edit (the grid's edit request, as Enter makes it) and moves `rows` down (or up), staying on the table's data rows. */
function saveAndMove(params: ICellEditorParams, rows: number): void {
  const { api, column, node } = params;
  api.stopEditing();
  const from = node.rowIndex ?? 0;
  const to = Math.min(Math.max(from + rows, 0), api.getDisplayedRowCount() - 1);
  api.ensureIndexVisible(to);
  api.setFocusedCell(to, column);
}

export class TextEditor implements ICellEditorComp {
  protected gui!: HTMLElement;
  protected input!: HTMLInputElement | HTMLTextAreaElement;
  protected params!: TextEditorParams;
  /** Whether the person changed the text: before, the grid may select it; after, nothing may touch it. */
  protected touched = false;
  private selectOnFocus = false;
  /**
   * Started by typing onto the cell (Excel's and WPS's 输入 state): ↑ and ↓ save and move to the
   * row above or below, as they do there. Opened by F2, Enter or a double click (编辑), or once
   * F2 is pressed while typing, the arrows stay in the text.
   */
  private entering = false;
  private readonly onInput = () => {
    this.touched = true;
  };
  private readonly onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'F2') this.entering = false;
    // Alt+Enter in a long text: a new line here, not "save and move down" in the grid.
    if (e.key === 'Enter' && e.altKey && this.params.multiline) {
      e.preventDefault();
      e.stopPropagation();
      const el = this.input;
      const at = el.selectionStart ?? el.value.length;
      el.setRangeText('\n', at, el.selectionEnd ?? at, 'end');
      this.touched = true;
      return;
    }
    const rows = e.key === 'ArrowDown' ? 1 : e.key === 'ArrowUp' ? -1 : 0;
    // Not while an input method composes: its arrows choose among the candidates.
    if (!rows || !this.entering || e.isComposing || e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
    e.preventDefault();
    e.stopPropagation();
    saveAndMove(this.params, rows);
  };

  init(params: TextEditorParams): void {
    this.params = params;
    this.gui = document.createElement('div');
    this.gui.className = 'ag-cell-edit-wrapper';
    const field = document.createElement('div');
    field.className = 'ag-cell-editor ag-text-field ag-input-field';
    field.setAttribute('role', 'presentation');
    const wrapper = document.createElement('div');
    wrapper.className = 'ag-wrapper ag-input-wrapper ag-text-field-input-wrapper';
    wrapper.setAttribute('role', 'presentation');
    if (params.multiline) {
      const area = document.createElement('textarea');
      area.rows = 1;
      area.style.resize = 'none';
      this.input = area;
    } else {
      const input = document.createElement('input');
      input.type = 'text';
      this.input = input;
    }
    this.input.className = 'ag-input-field-input ag-text-field-input';
    this.input.autocomplete = 'off';
    this.input.setAttribute('aria-label', `编辑“${params.colDef.headerName ?? params.column.getColId()}”`);
    if (params.maxLength !== undefined) this.input.maxLength = params.maxLength;
    wrapper.append(this.input);
    field.append(wrapper);
    this.gui.append(field);

    const { eventKey } = params;
    const typed = params.typed ?? (isCharacter(eventKey) ? eventKey : null);
    if (typed !== null) {
      // What was typed onto the cell replaces its value, as in Excel.
      this.input.value = typed;
      this.touched = true;
    } else if (eventKey === 'Backspace' || eventKey === 'Delete') {
      this.input.value = '';
      this.touched = true;
    } else {
      this.input.value = params.value === null || params.value === undefined ? '' : String(params.value);
      // Opened by Enter, a double click or Tab: the text is selected so typing replaces it; F2 edits it.
      this.selectOnFocus = eventKey !== 'F2';
    }
    this.entering = typed !== null || eventKey === 'Backspace' || eventKey === 'Delete';
    this.input.addEventListener('input', this.onInput);
    this.input.addEventListener('keydown', this.onKeyDown as EventListener);
  }

  getGui(): HTMLElement {
    return this.gui;
  }

  afterGuiAttached(): void {
    if (!this.params.cellStartedEdit) return;
    this.input.focus({ preventScroll: true });
    this.placeCaret();
  }

  /** AG Grid calls this after Tab, late: by then the person may have typed, and that text stays. */
  focusIn(): void {
    if (document.activeElement !== this.input) this.input.focus({ preventScroll: true });
    this.placeCaret();
  }

  private placeCaret(): void {
    if (this.touched) return;
    if (this.selectOnFocus) this.input.select();
    else this.input.setSelectionRange(this.input.value.length, this.input.value.length);
  }

  getValue(): unknown {
    const { value } = this.params;
    // Untouched, the value stays exactly as it was (a number stays a number, a kept raw text stays);
    // an empty cell typed into and emptied again is no change either.
    if (!this.touched || (this.input.value === '' && (value === null || value === undefined))) return value;
    return this.params.parseValue(this.input.value);
  }

  isPopup(): boolean {
    return false;
  }

  destroy(): void {
    this.input.removeEventListener('input', this.onInput);
    this.input.removeEventListener('keydown', this.onKeyDown as EventListener);
  }
}
