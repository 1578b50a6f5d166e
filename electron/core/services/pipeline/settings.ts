/**
 * The township's four evaluations (四评): their weights and the pass mark, a city's settings kept
 * under a key of the pipeline's own and audited like data (the township score is computed from them).
 */
import type { ParsedArgs } from '../../../../shared/contract/methods.ts';
import { defaultPipelineSettings, type PipelineSettings } from '../../../../shared/domain/evaluation.ts';
import { getSetting, setSetting } from '../../repos/settings.ts';
import type { ServiceContext } from '../context.ts';

export const pipelineSettingsKey = 'pipeline.settings';

export function loadPipelineSettings(ctx: ServiceContext): PipelineSettings {
  const saved = getSetting<Partial<PipelineSettings> | null>(ctx.conn.sqlite, pipelineSettingsKey, null);
  return { weights: { ...defaultPipelineSettings.weights, ...saved?.weights }, passMark: saved?.passMark ?? defaultPipelineSettings.passMark };
}

export function savePipelineSettings(ctx: ServiceContext, args: ParsedArgs<'pipeline.saveSettings'>): PipelineSettings {
  const before = loadPipelineSettings(ctx);
  const after: PipelineSettings = { weights: { ...args.weights }, passMark: args.passMark };
  if (JSON.stringify(before) === JSON.stringify(after)) return before;
  ctx.conn.writeTransaction(() => {
    setSetting(ctx.conn.sqlite, pipelineSettingsKey, after);
    ctx.audit.begin('settings', '修改“最强党支部”四评权重和合格线').record('setting', 0, pipelineSettingsKey, null, 'update', before, after);
  })();
  ctx.events.emit('data.changed', { entity: 'setting' });
  return after;
}
