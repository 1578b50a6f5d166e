import type { EventName, Events } from '../../shared/contract/events.ts';

export type Listener<E extends EventName> = (payload: Events[E]) => void;

/** The core's pushes. One per core: no module-global state. */
export class EventHub {
  private listeners = new Map<EventName, Set<Listener<EventName>>>();

  on<E extends EventName>(event: E, listener: Listener<E>): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener as Listener<EventName>);
    return () => set.delete(listener as Listener<EventName>);
  }

  emit<E extends EventName>(event: E, payload: Events[E]): void {
    for (const listener of this.listeners.get(event) ?? []) listener(payload);
  }
}
