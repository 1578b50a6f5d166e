/**
 * 设置 → 登录密码: turn the local password on with a first account, add accounts, change a
 * password, the idle minutes, turn it off. Every change answers with the new status, which
 * the gate follows (the idle timer, the header's 锁定).
 */
import { useState } from 'react';
import { Alert, App as AntApp, Button, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { maxIdleMinutes, passwordRuleText, passwordRules, type AuthStatus } from '../../../../shared/contract/auth.ts';
import { useApi } from '../../api/context.tsx';
import { inputDialogProps, useGuardedClose } from '../../dialogs.ts';
import { useAuth } from '../../auth/AuthGate.tsx';
import { useUnit } from '../../unit.tsx';

type Dialog =
  | { kind: 'add' }
  | { kind: 'change' }
  | { kind: 'remove'; name: string }
  | { kind: 'off' };

interface Values {
  name?: string;
  password?: string;
  oldPassword?: string;
  newPassword?: string;
  confirm?: string;
}

const newPasswordRules = [
  { required: true, message: '请输入密码' },
  { min: passwordRules.min, max: passwordRules.max, message: passwordRuleText },
];

/** The second typing of a new password, compared with the first (`field`). */
function confirmRule(field: 'password' | 'newPassword') {
  return ({ getFieldValue }: { getFieldValue: (name: string) => unknown }) => ({
    validator: (_: unknown, value: string) => (!value || value === getFieldValue(field) ? Promise.resolve() : Promise.reject(new Error('两次输入的密码不一致'))),
  });
}

function PasswordDialog({ dialog, status, onClose, onDone }: { dialog: Dialog; status: AuthStatus; onClose: () => void; onDone: (s: AuthStatus) => void }) {
  const api = useApi();
  const { status: unit } = useUnit();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const close = useGuardedClose(form, onClose);
  const me = status.unlocked ?? '';
  const title = {
    add: status.enabled ? '添加登录账户' : '启用登录密码',
    change: '修改密码',
    remove: dialog.kind === 'remove' ? `删除账户“${dialog.name}”` : '',
    off: '关闭登录密码',
  }[dialog.kind];
  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      const s =
        dialog.kind === 'add'
          ? await api.call('auth.addAccount', { name: v.name!.trim(), password: v.password! })
          : dialog.kind === 'change'
            ? await api.call('auth.changePassword', { name: v.name!, oldPassword: v.oldPassword!, newPassword: v.newPassword! })
            : dialog.kind === 'remove'
              ? await api.call('auth.removeAccount', { name: dialog.name, password: v.password! })
              : await api.call('auth.turnOff', { password: v.password! });
      onDone(s);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open {...inputDialogProps} title={title} okText="确定" cancelText="取消" confirmLoading={busy} onCancel={close} onOk={() => void submit()} destroyOnHidden>
      <Form
        form={form}
        onFinish={() => void submit()}
        layout="vertical"
        onValuesChange={() => setError(null)}
        initialValues={{ name: dialog.kind === 'change' ? me : dialog.kind === 'add' && !status.enabled ? (unit?.operatorName ?? '') : '' }}
      >
        {dialog.kind === 'add' && (
          <>
            {!status.enabled && (
              <Typography.Paragraph type="secondary">
                启用后，程序启动时和无人操作一段时间后会锁定，需选择姓名并输入密码才能使用；修改记录的操作人为解锁的姓名。密码只保存加盐的散列值，忘记后无法找回，请牢记。
              </Typography.Paragraph>
            )}
            <Form.Item name="name" label="姓名（操作人）" rules={[{ required: true, whitespace: true, message: '请填写姓名' }]}>
              <Input maxLength={20} aria-label="账户姓名" />
            </Form.Item>
            <Form.Item name="password" label="密码" extra={passwordRuleText} rules={newPasswordRules}>
              <Input.Password aria-label="新账户密码" />
            </Form.Item>
            <Form.Item name="confirm" label="再次输入密码" dependencies={['password']} rules={[{ required: true, message: '请再次输入密码' }, confirmRule('password')]}>
              <Input.Password aria-label="再次输入密码" />
            </Form.Item>
          </>
        )}
        {dialog.kind === 'change' && (
          <>
            <Form.Item name="name" label="账户" rules={[{ required: true, message: '请选择账户' }]}>
              <Select options={status.accounts.map((a) => ({ value: a, label: a }))} aria-label="修改密码的账户" />
            </Form.Item>
            <Form.Item name="oldPassword" label="原密码" rules={[{ required: true, message: '请输入原密码' }]}>
              <Input.Password aria-label="原密码" />
            </Form.Item>
            <Form.Item name="newPassword" label="新密码" extra={passwordRuleText} rules={newPasswordRules}>
              <Input.Password aria-label="新密码" />
            </Form.Item>
            <Form.Item name="confirm" label="再次输入新密码" dependencies={['newPassword']} rules={[{ required: true, message: '请再次输入新密码' }, confirmRule('newPassword')]}>
              <Input.Password aria-label="再次输入新密码" />
            </Form.Item>
          </>
        )}
        {(dialog.kind === 'remove' || dialog.kind === 'off') && (
          <>
            <Typography.Paragraph>
              {dialog.kind === 'off'
                ? '关闭后，所有登录账户都将删除，程序不再锁定，任何人打开即可使用；修改记录的操作人恢复为“本单位与操作人”中的姓名。'
                : `删除后，“${dialog.name}”不能再解锁本程序；其以往的修改记录不受影响。`}
            </Typography.Paragraph>
            <Form.Item name="password" label={`请输入您（${me}）的密码确认`} rules={[{ required: true, message: '请输入密码' }]}>
              <Input.Password aria-label="您的密码" />
            </Form.Item>
          </>
        )}
        {error && <Alert type="error" showIcon message={error} />}
        {/* Enter in any field submits, as the 确定 button does. */}
        <button type="submit" hidden />
      </Form>
    </Modal>
  );
}

/** The idle minutes: typed, then saved. */
function IdleMinutes({ status, onDone }: { status: AuthStatus; onDone: (s: AuthStatus) => void }) {
  const api = useApi();
  const { message } = AntApp.useApp();
  // undefined: not touched (the stored value shows); null: cleared, which cannot be saved.
  const [minutes, setMinutes] = useState<number | null | undefined>(undefined);
  const value = minutes === undefined ? status.idleMinutes : minutes;
  return (
    <Space>
      无人操作
      <InputNumber min={0} max={maxIdleMinutes} precision={0} value={value} onChange={(v) => setMinutes(v)} status={value === null ? 'error' : ''} aria-label="自动锁定分钟数" />
      分钟后自动锁定
      <Typography.Text type="secondary">（0 表示不自动锁定）</Typography.Text>
      <Button
        disabled={minutes === undefined || value === null}
        onClick={async () => {
          if (value === null) return;
          try {
            onDone(await api.call('auth.saveIdle', { minutes: value }));
            setMinutes(undefined);
            message.success(value === 0 ? '已设为不自动锁定' : `已保存：无人操作 ${value} 分钟后自动锁定`);
          } catch (e) {
            message.error((e as Error).message);
          }
        }}
      >
        保存
      </Button>
    </Space>
  );
}

export function PasswordSettings() {
  const { status, update } = useAuth();
  const { message } = AntApp.useApp();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const done = (s: AuthStatus, said: string) => {
    update(s);
    setDialog(null);
    message.success(said);
  };
  const saidFor = (d: Dialog, s: AuthStatus): string =>
    d.kind === 'add' ? (status.enabled ? '已添加账户' : `已启用登录密码，当前登录：${s.unlocked ?? ''}`) : d.kind === 'change' ? '密码已修改' : d.kind === 'remove' ? '账户已删除' : '已关闭登录密码';
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="password-settings">
      {status.enabled ? (
        <>
          <Typography.Text>
            已启用：程序启动时和无人操作一段时间后锁定，修改记录的操作人为解锁的姓名。当前登录：<Typography.Text strong>{status.unlocked}</Typography.Text>
          </Typography.Text>
          <Table<{ name: string }>
            size="small"
            rowKey="name"
            pagination={false}
            style={{ maxWidth: 480 }}
            dataSource={status.accounts.map((name) => ({ name }))}
            columns={[
              { title: '账户（操作人）', dataIndex: 'name', render: (n: string) => (n === status.unlocked ? <Space>{n}<Tag color="red">当前登录</Tag></Space> : n) },
              {
                title: '',
                width: 80,
                render: (_: unknown, a) => (
                  <Button size="small" danger disabled={a.name === status.unlocked && status.accounts.length > 1} title={a.name === status.unlocked && status.accounts.length > 1 ? '不能删除正在使用的账户' : undefined} onClick={() => setDialog({ kind: 'remove', name: a.name })}>
                    删除
                  </Button>
                ),
              },
            ]}
          />
          <Space>
            <Button onClick={() => setDialog({ kind: 'add' })}>添加账户</Button>
            <Button onClick={() => setDialog({ kind: 'change' })}>修改密码</Button>
            <Button danger onClick={() => setDialog({ kind: 'off' })}>
              关闭登录密码
            </Button>
          </Space>
          <IdleMinutes status={status} onDone={(s) => update(s)} />
        </>
      ) : (
        <>
          <Typography.Text type="secondary">
            未启用：任何人打开本程序即可使用，修改记录的操作人为上方填写的姓名。多人共用一台电脑时，建议为每人设置账户和密码。
          </Typography.Text>
          <Button type="primary" style={{ alignSelf: 'flex-start' }} onClick={() => setDialog({ kind: 'add' })}>
            启用登录密码
          </Button>
        </>
      )}
      {dialog && <PasswordDialog dialog={dialog} status={status} onClose={() => setDialog(null)} onDone={(s) => done(s, saidFor(dialog, s))} />}
    </Space>
  );
}
