/**
 * The password's gate around the whole window. While a password is set the app opens on
 * the lock screen and mounts nothing else (no page asks the core anything before the
 * unlock); after the idle time, or 锁定, it tells the core to lock (so the core refuses
 * every call until unlocked) and covers the window: everything behind is made inert, the
 * dialogs antd renders outside the app's root included, so no key or click reaches it.
 * A call refused with LOCKED (a core started anew) shows the lock screen too.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { Alert, Spin } from 'antd';
import type { AuthStatus } from '../../../shared/contract/auth.ts';
import { AppError } from '../../../shared/contract/errors.ts';
import type { Api } from '../api/client.ts';
import { ApiProvider, useApi } from '../api/context.tsx';
import { useIdle } from './idle.ts';
import { LockScreen } from './LockScreen.tsx';

interface AuthState {
  status: AuthStatus;
  /** Tells the core to lock and covers the window. */
  lock(): void;
  /** What a change in 设置 answered: the gate follows it (turned on, off, idle minutes). */
  update(status: AuthStatus): void;
}

const AuthContext = createContext<AuthState | null>(null);

export function useAuth(): AuthState {
  const state = useContext(AuthContext);
  if (!state) throw new Error('AuthGate missing');
  return state;
}

export function AuthGate({ children }: { children: ReactNode }) {
  const api = useApi();
  const [status, setStatus] = useState<AuthStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [locked, setLocked] = useState(false);
  // The app is mounted from the first unlock on, and kept (with its unsaved state) under the lock screen after.
  const [mounted, setMounted] = useState(false);
  // Who worked last, offered first on the lock screen.
  const [lastName, setLastName] = useState<string | null>(null);

  useEffect(() => {
    api.call('auth.status', {}).then(
      (s) => {
        setStatus(s);
        if (s.enabled && s.unlocked === null) setLocked(true);
        else setMounted(true);
      },
      (e: AppError) => setError(e.message),
    );
  }, [api]);

  const lock = useCallback(() => {
    if (status?.unlocked) setLastName(status.unlocked);
    setLocked(true);
    setStatus((s) => s && { ...s, unlocked: null });
    // The cover is up at once; the core refuses from its answer on. Should the call not get through, the lock screen
    // still stays until a password is given.
    void api.call('auth.lock', {}).catch(() => undefined);
  }, [api, status]);

  const update = useCallback((s: AuthStatus) => {
    setStatus(s);
    if (s.enabled && s.unlocked === null) setLocked(true);
  }, []);

  const guarded = useMemo<Api>(
    () => ({
      ...api,
      async call(method, args) {
        try {
          return await api.call(method, args);
        } catch (e) {
          if (e instanceof AppError && e.code === 'LOCKED') {
            setLocked(true);
            setStatus((s) => s && { ...s, unlocked: null });
          }
          throw e;
        }
      },
    }),
    [api],
  );

  const idleMs = status?.enabled && !locked && status.idleMinutes > 0 ? status.idleMinutes * 60_000 : null;
  useIdle(idleMs, lock);

  const value = useMemo(() => (status ? { status, lock, update } : null), [status, lock, update]);
  if (error) return <Alert type="error" showIcon message="读取登录设置失败" description={error} style={{ margin: 24 }} />;
  if (!status || !value) return <Spin style={{ margin: 24 }} />;
  return (
    <AuthContext.Provider value={value}>
      <ApiProvider api={guarded}>
        {mounted && children}
        {locked &&
          createPortal(
            <LockScreen
              status={status}
              suggested={lastName}
              onUnlocked={(s) => {
                setStatus(s);
                setLocked(false);
                setMounted(true);
              }}
            />,
            document.body,
          )}
      </ApiProvider>
    </AuthContext.Provider>
  );
}
