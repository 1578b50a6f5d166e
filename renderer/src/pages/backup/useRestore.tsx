/**
 * Restoring, from the 备份与恢复 list, from a file, or from the damaged-database banner: one
 * confirmation that says in plain words what will happen, then the result. Every page then
 * reloads, as all the data under them changed at once.
 */
import { App as AntApp, Typography } from 'antd';
import type { ReactNode } from 'react';
import { backupReasonLabels, type BackupInfo, type RestoreResult } from '../../../../shared/contract/backup.ts';
import { useApi } from '../../api/context.tsx';
import { backupHolds, backupTime } from './format.ts';

/** The last part of a path, whichever separator the PC uses. */
const fileName = (p: string) => p.split(/[\\/]/).pop() ?? p;

function Consequences({ becomes, damaged }: { becomes: ReactNode; damaged: boolean }) {
  return (
    <ul style={{ paddingLeft: 20, margin: '8px 0 0' }} data-testid="restore-consequences">
      <li>程序先检查备份是否完好；不完好则什么也不改。</li>
      {damaged ? (
        <li>当前的数据库已损坏，不能作为备份；它会原样另存在备份文件夹中，供维护人员查看，但不在备份列表中。最近一次备份之后所做的修改将无法找回。</li>
      ) : (
        <li>当前的数据先另存为一份“恢复前备份”，恢复后仍可从备份列表中找回。</li>
      )}
      <li>{becomes}</li>
      <li>恢复后各页面会重新载入。</li>
    </ul>
  );
}

export function useRestore() {
  const api = useApi();
  const { modal, message } = AntApp.useApp();

  const showResult = (r: RestoreResult) =>
    modal.success({
      title: '已恢复',
      okText: '重新载入',
      content: (
        <div data-testid="restore-result">
          <Typography.Paragraph>
            数据已恢复为 {backupTime(r.restored.takenAt)} 的备份：{backupHolds(r.restored)}。
          </Typography.Paragraph>
          <Typography.Paragraph style={{ marginBottom: 0 }}>
            {r.safetyCopy ? (
              <>
                恢复前的数据已另存为一份备份：列表中 {backupTime(r.safetyCopy.takenAt)} 的“恢复前备份”（文件 <Typography.Text code>{r.safetyCopy.name}</Typography.Text>），需要时可从备份列表恢复。
              </>
            ) : (
              <>
                恢复前的数据库已损坏，不能作为备份；已原样另存为“<Typography.Text code>{fileName(r.damagedCopy ?? '')}</Typography.Text>”（在备份文件夹中，不在备份列表中），供维护人员查看。
              </>
            )}
          </Typography.Paragraph>
        </div>
      ),
      // The data under every page changed: each starts again from the restored database.
      afterClose: () => window.location.reload(),
    });

  const restore = async (title: string, becomes: ReactNode, run: () => Promise<RestoreResult>) => {
    // What happens to the current data depends on whether it is damaged: asked now, not remembered from the start.
    const damaged = await api.call('app.health', {}).then((h) => !h.ok, () => false);
    modal.confirm({
      title,
      width: 560,
      content: <Consequences becomes={becomes} damaged={damaged} />,
      okText: '恢复',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: async () => {
        try {
          showResult(await run());
        } catch (e) {
          modal.error({ title: '恢复失败，数据没有改动', content: (e as Error).message });
        }
      },
    });
  };

  return {
    /** A backup of the list (or the banner's latest good one). */
    restoreBackup(b: BackupInfo) {
      const when = backupTime(b.takenAt);
      const kind = backupReasonLabels[b.reason];
      void restore(
        `恢复到 ${when} 的备份（${kind}）？`,
        <>
          全部数据（组织机构、台账、联系点、问题清单等）将变为 {when} 时的样子：{backupHolds(b)}。此后所做的修改不再显示。
          {b.reason === 'restore' && '这是上次恢复之前另存的数据，其中可能有当时有意撤销的修改。'}
          {b.note && `备注：${b.note}`}
        </>,
        () => api.call('backup.restore', { name: b.name }),
      );
    },
    /** A backup file copied from another PC or a USB stick, chosen in the open dialog. */
    async restoreFile() {
      let path: string | null;
      try {
        ({ path } = await api.call('shell.chooseOpenFile', {}));
      } catch (e) {
        message.error((e as Error).message);
        return;
      }
      if (!path) {
        // In the browser there is no open dialog: say where it is done instead of doing nothing.
        if (api.transport !== 'electron') message.info('浏览器版不能选择文件：请在桌面程序中从文件恢复，或使用命令行 npm run cli -- restore --db 数据库 --from 备份文件。');
        return;
      }
      const chosen = path;
      void restore(
        `从文件“${fileName(chosen)}”恢复？`,
        <>全部数据将变为这个备份文件中的数据，此后所做的修改不再显示。</>,
        () => api.call('backup.restoreFile', { path: chosen }),
      );
    },
  };
}
