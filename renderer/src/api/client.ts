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
  /**
   * Asks now what a page about to be drawn will ask (the window opening on the ledger): the
   * answer is on its way while the page is built, and the page's own call with the same method
   * and arguments takes it instead of asking again, once. See `earlyReads`.
   */
  prefetch<M extends MethodName>(method: M, args: MethodArgs<M>): Promise<MethodResult<M>>;
  /**
   * As `prefetch`, for an answer that comes inside another call's answer asked early (the
   * ledger's years inside `ledger.opening`): the call with this method and arguments takes it.
   * When `answer` fails, that call asks the core itself.
   */
  expect<M extends MethodName>(method: M, args: MethodArgs<M>, answer: Promise<MethodResult<M>>): void;
  /** The answer asked for early, when it is already here (the page is drawn with it at once); taken as `call` takes it. */
  takeAnswered<M extends MethodName>(method: M, args: MethodArgs<M>): MethodResult<M> | undefined;
}

/** How long an answer asked for early waits for the call it was asked for; then that call asks again. */
const EARLY_MS = 10_000;

/**
 * The calls that change nothing and are made while the window opens. Answers asked for early
 * are kept only while the window makes no other call: any other may change what they say.
 */
const earlyReads: ReadonlySet<string> = new Set<MethodName>([
  'auth.status', 'app.health', 'app.info', 'shell.takeGivenFile', 'setup.status', 'settings.get',
  'ledger.years', 'ledger.list', 'ledger.opening', 'dict.list', 'view.list', 'org.children', 'org.search', 'templates.list',
  // Asked by 帮助 as the window opens (is the tour to be offered?): a read, so it keeps the answers asked early.
  'help.tour',
]);

/** The same call whatever the order its arguments were written in. */
function callKey(method: string, args: unknown): string {
  return `${method} ${JSON.stringify(args, (_k, v: unknown) =>
    typeof v === 'object' && v !== null && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  )}`;
}

const unwrap = <T>(envelope: Envelope<unknown>): T => {
  if (!envelope.ok) throw AppError.fromData(envelope.error);
  return envelope.value as T;
};

export function createApi(transport: Transport): Api {
  // Taken answers stay (marked) until they expire: a second ask for the same call, made
  // after the page took the first one, must not ask again for an answer nobody will take.
  const early = new Map<string, { answer: Promise<Envelope<unknown>>; settled?: Envelope<unknown>; until: number; taken: boolean }>();
  const invoke = (method: string, args: unknown): Promise<Envelope<unknown>> =>
    transport.invoke(method, args).catch((e: unknown) => ({ ok: false, error: { code: 'INTERNAL', message: `读取答复失败：${(e as Error).message}` } }));
  const keepEarly = (method: string, args: unknown, answer: Promise<Envelope<unknown>>) => {
    const entry = { answer, settled: undefined as Envelope<unknown> | undefined, until: Date.now() + EARLY_MS, taken: false };
    void answer.then((envelope) => (entry.settled = envelope));
    early.set(callKey(method, args), entry);
    return entry;
  };
  const forgetExpired = () => {
    const now = Date.now();
    for (const [key, asked] of early) if (asked.until < now) early.delete(key);
  };
  return {
    transport: transport.kind,
    async call(method, args) {
      if (!earlyReads.has(method)) early.clear();
      forgetExpired();
      const asked = early.get(callKey(method, args));
      if (asked && !asked.taken) {
        asked.taken = true;
        const envelope = await asked.answer;
        // A refusal asked early (the window was locked then) is not the answer now: ask again.
        if (envelope.ok) return envelope.value as MethodResult<typeof method>;
      }
      return unwrap(await transport.invoke(method, args));
    },
    on: (event, listener) => transport.on(event, listener as (payload: unknown) => void),
    prefetch(method, args) {
      forgetExpired();
      const asked = early.get(callKey(method, args)) ?? keepEarly(method, args, invoke(method, args));
      return asked.answer.then(unwrap<MethodResult<typeof method>>);
    },
    expect(method, args, answer) {
      forgetExpired();
      if (early.has(callKey(method, args))) return;
      keepEarly(method, args, answer.then((value): Envelope<unknown> => ({ ok: true, value }), () => ({ ok: false, error: { code: 'INTERNAL', message: '读取失败' } })));
    },
    takeAnswered(method, args) {
      forgetExpired();
      const asked = early.get(callKey(method, args));
      if (!asked || asked.taken || !asked.settled?.ok) return undefined;
      asked.taken = true;
      return asked.settled.value as MethodResult<typeof method>;
    },
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
