/** What the crash tests' child and parent agree on. */
export const operations = ['import', 'migration', 'backup', 'restore'] as const;
export type Operation = (typeof operations)[number];

/** The child's clock: fixed, so two unkilled runs of an operation write the same rows. */
export const crashNow = new Date('2026-03-15T02:00:00Z');

/** The columns of import.csv: township, branch, formal members, secretary. */
export const importMapping = [
  { index: 0, field: 'township' },
  { index: 1, field: 'name' },
  { index: 2, field: 'membersFormal' },
  { index: 3, field: 'secretary' },
];
