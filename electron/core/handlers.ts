/**
 * One handler per contract method. The dispatcher (createCore) has already
 * validated the arguments against the method's zod schema.
 */
import { AppError } from '../../shared/contract/errors.ts';
import type { MethodName, MethodResult, ParsedArgs } from '../../shared/contract/methods.ts';
import type { Connection } from './db/connection.ts';
import { listDictEntries } from './repos/dicts.ts';
import { orgChildren, orgNode } from './repos/orgs.ts';
import { latestLedgerYear } from './repos/stats.ts';
import { statsSummary } from './services/stats.ts';
import type { CoreConfig } from './config.ts';

export interface HandlerContext {
  conn: Connection;
  config: Required<Pick<CoreConfig, 'appVersion' | 'host'>>;
  now(): Date;
  schemaVersion: number;
}

export type Handlers = {
  [M in MethodName]: (args: ParsedArgs<M>, ctx: HandlerContext) => Promise<MethodResult<M>> | MethodResult<M>;
};

export const handlers: Handlers = {
  'app.info': (_args, ctx) => ({
    name: '组工台账',
    version: ctx.config.appVersion,
    schemaVersion: ctx.schemaVersion,
    dbPath: ctx.conn.path,
    host: ctx.config.host,
  }),

  'org.children': async (args, ctx) => {
    const year = args.year ?? (await latestLedgerYear(ctx.conn.db)) ?? ctx.now().getFullYear();
    const parent = args.parentId === null ? null : await orgNode(ctx.conn.db, args.parentId, year);
    if (args.parentId !== null && parent === null) {
      throw new AppError('NOT_FOUND', `找不到编号为 ${args.parentId} 的党组织，可能已被删除。请刷新后重试。`, { id: args.parentId });
    }
    const nodes = await orgChildren(ctx.conn.db, args.parentId, year, args.includeClosed ?? false);
    return { year, parent, nodes };
  },

  'dict.list': (args, ctx) => listDictEntries(ctx.conn.db, args.dict),

  'stats.summary': (args, ctx) => statsSummary(ctx.conn.db, args.year),
};
