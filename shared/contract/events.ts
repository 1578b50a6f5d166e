/** Pushes from the core to whoever listens (the window, the harness page, a test). */
export interface Events {
  /** Data of an entity changed; pages showing it reload. */
  'data.changed': { entity: string; ids?: number[] };
  /** Progress of long work (seed, import, export, backup). */
  progress: { task: string; done: number; total: number; message?: string };
  /**
   * The desktop app was started again with a spreadsheet (opened with 组工台账 from the file
   * manager): the window takes it with shell.takeGivenFile and imports it. The path was given
   * by the operating system, not a page, and is granted for reading only.
   */
  'shell.openFile': { path: string };
}

export type EventName = keyof Events;
export const eventNames: EventName[] = ['data.changed', 'progress', 'shell.openFile'];

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && (eventNames as string[]).includes(name);
}
