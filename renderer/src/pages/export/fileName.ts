/**
 * The name a table's file is offered under, one rule wherever it is exported from: the
 * attachment first, as the notice names the table, then the title as the file prints it
 * (附件1 宁城县2026年党支部分类台账.xlsx; the unit as a place, filled in by the core).
 */
import type { Api } from '../../api/client.ts';
import type { MethodArgs } from '../../../../shared/contract/methods.ts';

export function exportFileName(attachment: number, title: string): string {
  return `附件${attachment} ${title}.xlsx`.replace(/[\\/:*?"<>|]/g, '_');
}

/**
 * The same name for a table exported straight from another page (走访提醒名单, 催报名单): with the
 * choices export.run will use (the template's saved ones) and the title the core fills in.
 */
export async function suggestedFileName(api: Api, templateId: string, scope: MethodArgs<'export.run'>['scope']): Promise<string> {
  const template = (await api.call('templates.list', {})).find((t) => t.id === templateId);
  if (!template) throw new Error(`没有报表模板“${templateId}”`);
  const { title } = await api.call('export.preview', { templateId, scope, choices: template.choices });
  return exportFileName(template.choices.attachment, title);
}
