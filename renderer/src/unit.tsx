/**
 * "Our unit" in the window: the department's unit and the staff member's name (kept in the
 * database's settings), and the unit the pages are looking at now. Every page starts from the
 * department's unit; a unit chosen on one page (分类台账, 联系点, 导出, 统计分析) is the one the
 * others show, for the rest of the session. That choice is kept in memory, not in settings: a
 * look at another township is not a change of department, and the next start is at home again.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { OrgNode, SetupStatus } from '../../shared/contract/types.ts';
import { useApi } from './api/context.tsx';

interface UnitState {
  /** Undefined while the first answer is on its way. */
  status: SetupStatus | undefined;
  /** Why the settings could not be read (the window says so instead of waiting for ever). */
  error: string | null;
  /** The unit the pages show now (null: the whole tree). */
  current: OrgNode | null;
  setCurrent(unit: OrgNode | null): void;
  /** Reads the settings again (after the first run, or after 设置 changed them); the pages go back to the department's unit. */
  reload(): Promise<void>;
}

const UnitContext = createContext<UnitState | null>(null);

export function UnitProvider({ children }: { children: ReactNode }) {
  const api = useApi();
  const [status, setStatus] = useState<SetupStatus | undefined>(undefined);
  const [current, setCurrent] = useState<OrgNode | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(async () => {
    try {
      const s = await api.call('setup.status', {});
      setStatus(s);
      setCurrent(s.unit);
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  }, [api]);
  useEffect(() => {
    void reload();
  }, [reload]);
  const value = useMemo(() => ({ status, error, current, setCurrent, reload }), [status, error, current, reload]);
  return <UnitContext.Provider value={value}>{children}</UnitContext.Provider>;
}

export function useUnit(): UnitState {
  const state = useContext(UnitContext);
  if (!state) throw new Error('UnitProvider missing');
  return state;
}
