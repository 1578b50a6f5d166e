export * from './errors.ts';
export * from './events.ts';
export * from './methods.ts';
export * from './types.ts';
