import type { Transport } from '../../renderer/src/api/client.ts';
import type { Core } from '../../electron/core/createCore.ts';
import type { EventName } from '../../shared/contract/events.ts';

/** The renderer's transport, in process: component tests call the core without a server. */
export function loopbackTransport(core: Core): Transport {
  return {
    kind: 'loopback',
    invoke: (method, args) => core.invoke(method, structuredClone(args)).then((r) => structuredClone(r)),
    on: (event, listener) => core.on(event as EventName, listener),
  };
}
