import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import type { AppError } from '../../../shared/contract/errors.ts';
import type { MethodArgs, MethodName, MethodResult } from '../../../shared/contract/methods.ts';
import type { Api } from './client.ts';

const ApiContext = createContext<Api | null>(null);

export function ApiProvider({ api, children }: { api: Api; children: ReactNode }) {
  return <ApiContext.Provider value={api}>{children}</ApiContext.Provider>;
}

export function useApi(): Api {
  const api = useContext(ApiContext);
  if (!api) throw new Error('ApiProvider missing');
  return api;
}

export interface CallState<T> {
  data: T | undefined;
  error: AppError | undefined;
  loading: boolean;
  reload(): void;
}

/** Calls a method when the args change; reloads on demand. */
export function useCall<M extends MethodName>(method: M, args: MethodArgs<M>): CallState<MethodResult<M>> {
  const api = useApi();
  const key = JSON.stringify(args);
  // An answer asked for early and already here: drawn with at once, not asked again.
  const [state, setState] = useState<{ data?: MethodResult<M>; error?: AppError; loading: boolean }>(() => {
    const data = api.takeAnswered(method, args);
    return data === undefined ? { loading: true } : { data, loading: false };
  });
  const answered = useRef(state.data !== undefined);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (answered.current) {
      answered.current = false;
      return;
    }
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    api.call(method, JSON.parse(key) as MethodArgs<M>).then(
      (data) => live && setState({ data, loading: false }),
      (error: AppError) => live && setState({ error, loading: false }),
    );
    return () => {
      live = false;
    };
  }, [api, method, key, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data: state.data, error: state.error, loading: state.loading, reload };
}
