/**
 * The lock screen: the whole window, opaque, above every dialog. Choose the name, type the
 * password, Enter unlocks. While it is up, everything else in the page is inert (no focus,
 * no click, no key), so a dialog left open behind it cannot be used either.
 */
import { useEffect, useRef, useState } from 'react';
import { Button, ConfigProvider, Input, Select, Typography, type InputRef } from 'antd';
import { LockOutlined } from '@ant-design/icons';
import zhCN from 'antd/locale/zh_CN';
import type { AuthStatus } from '../../../shared/contract/auth.ts';
import { useApi } from '../api/context.tsx';
import { appTheme } from '../theme.ts';

// Above every dialog and message (antd's reach 2000), opaque: nothing behind is readable.
const cover: React.CSSProperties = {
  position: 'fixed',
  inset: 0,
  zIndex: 5000,
  display: 'flex',
  alignItems: 'center',
  justifyContent: 'center',
  background: 'linear-gradient(160deg, #7f1d1d 0%, #3b0d0d 100%)',
};
const card: React.CSSProperties = { width: 360, padding: 32, background: '#fff', borderRadius: 8, textAlign: 'center', boxShadow: '0 12px 40px rgba(0, 0, 0, 0.35)' };

export function LockScreen({ status, suggested, onUnlocked }: { status: AuthStatus; suggested: string | null; onUnlocked: (s: AuthStatus) => void }) {
  const api = useApi();
  const root = useRef<HTMLDivElement>(null);
  const passwordInput = useRef<InputRef>(null);
  const [name, setName] = useState<string | undefined>(suggested && status.accounts.includes(suggested) ? suggested : status.accounts[0]);
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const covered: Element[] = [];
    for (const el of Array.from(document.body.children)) {
      if (el === root.current || !(el instanceof HTMLElement) || el.inert) continue;
      el.inert = true;
      covered.push(el);
    }
    passwordInput.current?.focus();
    return () => {
      for (const el of covered) (el as HTMLElement).inert = false;
    };
  }, []);

  const unlock = async () => {
    if (!name) return setError('请选择您的姓名。');
    if (!password) return setError('请输入密码。');
    setBusy(true);
    try {
      onUnlocked(await api.call('auth.unlock', { name, password }));
    } catch (e) {
      setError((e as Error).message);
      setPassword('');
      passwordInput.current?.focus();
    } finally {
      setBusy(false);
    }
  };

  return (
    <div ref={root} style={cover} role="dialog" aria-modal="true" aria-label="组工台账已锁定" data-testid="lock-screen">
      <ConfigProvider locale={zhCN} theme={appTheme}>
        <div style={card}>
          <LockOutlined style={{ fontSize: 36, color: '#b71c1c' }} />
          <Typography.Title level={3} style={{ margin: '12px 0 4px' }}>
            组工台账已锁定
          </Typography.Title>
          <Typography.Paragraph type="secondary">请选择您的姓名并输入密码。修改记录的操作人为解锁的姓名。</Typography.Paragraph>
          <Select
            aria-label="姓名"
            style={{ width: '100%', marginBottom: 12 }}
            size="large"
            value={name}
            onChange={(v) => {
              setName(v);
              setError(null);
              passwordInput.current?.focus();
            }}
            options={status.accounts.map((a) => ({ value: a, label: a }))}
            // Inside the cover: a list opened on document.body would sit under it.
            getPopupContainer={() => root.current ?? document.body}
          />
          <Input.Password
            ref={passwordInput}
            aria-label="密码"
            size="large"
            placeholder="密码"
            value={password}
            onChange={(e) => {
              setPassword(e.target.value);
              setError(null);
            }}
            onPressEnter={() => void unlock()}
            status={error ? 'error' : ''}
          />
          <Typography.Text type="danger" role="alert" style={{ display: 'block', minHeight: 22, margin: '8px 0' }}>
            {error}
          </Typography.Text>
          <Button type="primary" size="large" block loading={busy} onClick={() => void unlock()}>
            解锁
          </Button>
        </div>
      </ConfigProvider>
    </div>
  );
}
