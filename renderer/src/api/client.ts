/**
 * The renderer's one way to the core: a typed client over a transport chosen at
 * start (Electron's preload bridge, or the HTTP harness). Component tests pass a
 * loopback transport that calls a core in-process.
 */
import { AppError, type Envelope } from '../../../shared/contract/errors.ts';
import type { EventName, Events } from '../../../shared/contract/events.ts';
import type { MethodArgs, MethodName, MethodResult } from '../../../shared/contract/methods.ts';
import { unpack } from '../../../shared/contract/packing.ts';

export interface Transport {
  kind: 'electron' | 'http' | 'loopback';
  invoke(method: string, args: unknown): Promise<Envelope<unknown>>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}

export interface Api {
  transport: Transport['kind'];
  call<M extends MethodName>(method: M, args: MethodArgs<M>): Promise<MethodResult<M>>;
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void;
}

export function createApi(transport: Transport): Api {
  return {
    transport: transport.kind,
    async call(method, args) {
      const envelope = await transport.invoke(method, args);
      if (!envelope.ok) throw AppError.fromData(envelope.error);
      return envelope.value as MethodResult<typeof method>;
    },
    on: (event, listener) => transport.on(event, listener as (payload: unknown) => void),
  };
}

/** What the preload script exposes as `window.bridge` (see electron/preload). */
export interface Bridge {
  invoke(method: string, args: unknown): Promise<Envelope<unknown>>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}

export function electronTransport(bridge: Bridge): Transport {
  return { kind: 'electron', invoke: (m, a) => bridge.invoke(m, a), on: (e, l) => bridge.on(e, l) };
}

export function httpTransport(origin: string, token: string): Transport {
  return {
    kind: 'http',
    async invoke(method, args) {
      let response: Response;
      try {
        response = await fetch(`${origin}/api/invoke`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ method, args }),
        });
      } catch {
        return { ok: false, error: { code: 'INTERNAL', message: '无法连接到组工台账服务，请确认程序仍在运行。' } };
      }
      return unpack(await response.json()) as Envelope<unknown>;
    },
    on(event, listener) {
      const source = new EventSource(`${origin}/api/events?token=${encodeURIComponent(token)}`);
      const handler = (e: MessageEvent<string>) => listener(JSON.parse(e.data));
      source.addEventListener(event, handler);
      return () => source.close();
    },
  };
}

/** Electron's bridge when present; else the harness, with the token from the URL fragment. */
export function chooseTransport(win: Window & { bridge?: Bridge }): Transport {
  if (win.bridge) return electronTransport(win.bridge);
  const fromHash = new URLSearchParams(win.location.hash.replace(/^#/, '')).get('token');
  if (fromHash) {
    win.sessionStorage.setItem('harness-token', fromHash);
    win.history.replaceState(null, '', win.location.pathname);
  }
  const token = fromHash ?? win.sessionStorage.getItem('harness-token') ?? '';
  return httpTransport(win.location.origin, token);
}
