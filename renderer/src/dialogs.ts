/**
 * Closing a dialog that holds what a person typed: a click beside it or Esc must not throw
 * the typing away unasked. `useGuardedClose` asks first when anything was touched.
 */
import { App as AntApp, type FormInstance } from 'antd';
import { useCallback, useRef } from 'react';

export function useGuardedClose(form: FormInstance, onClose: () => void, touchedElsewhere = false): () => void {
  const { modal } = AntApp.useApp();
  // One question at a time: Esc and 取消 pressed again while it is asked do not ask twice.
  const asking = useRef(false);
  return useCallback(() => {
    if (asking.current) return;
    if (!form.isFieldsTouched() && !touchedElsewhere) return onClose();
    asking.current = true;
    modal.confirm({
      title: '放弃已填写的内容？',
      content: '关闭后，这个对话框中填写的内容不会保存。',
      okText: '放弃并关闭',
      cancelText: '继续填写',
      okButtonProps: { danger: true },
      onOk: onClose,
      afterClose: () => {
        asking.current = false;
      },
    });
  }, [form, modal, onClose, touchedElsewhere]);
}

/**
 * A dialog's body scrolls within the window, so its buttons stay in sight on a 768-line screen
 * (a long form otherwise pushed 新增 below the fold). 200 px is the dialog's title, buttons and
 * margins with the top it has on a short window (styles.css).
 */
export const fitScreenBody = { maxHeight: 'calc(100vh - 200px)', overflowY: 'auto' } as const;

/** What every dialog that collects input shares: only its buttons (and Esc, which asks) close it. */
export const inputDialogProps = { maskClosable: false, keyboard: true, styles: { body: fitScreenBody } } as const;
