/** Where a saved file went, said in a notice that stays until read, with 打开文件 (as the draw record's export does). */
import { App as AntApp, Button, Typography } from 'antd';
import { useCallback } from 'react';
import { useApi } from '../../api/context.tsx';

export function useSavedNotice(): (key: string, message: string, file: string) => void {
  const api = useApi();
  const { message, notification } = AntApp.useApp();
  return useCallback(
    (key: string, title: string, file: string) => {
      const open = async () => {
        try {
          const { opened } = await api.call('shell.openPath', { path: file });
          if (!opened) message.info(`无法直接打开，文件保存在：${file}`);
        } catch (e) {
          message.error((e as Error).message);
        }
      };
      notification.success({
        key,
        duration: 0,
        message: title,
        description: (
          <div data-testid={key}>
            保存在：<Typography.Text copyable>{file}</Typography.Text>
            <div><Button size="small" type="link" style={{ paddingInline: 0 }} onClick={() => void open()}>打开文件</Button></div>
          </div>
        ),
      });
    },
    [api, message, notification],
  );
}
