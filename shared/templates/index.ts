/**
 * The built-in official tables. A city adds or changes a format by adding data here
 * (and raising its version); the writer and reader need no change.
 */
import { branchLedger } from './builtin/branchLedger.ts';
import { evaluationLedger } from './builtin/evaluation.ts';
import { liaisonLedger } from './builtin/liaison.ts';
import { orgSummary } from './builtin/orgSummary.ts';
import { problemLedger } from './builtin/problems.ts';
import { projectLedger } from './builtin/projects.ts';
import { reminderTalkList } from './builtin/reminders.ts';
import { keyShares, liaisonSummary, problemClosureSummary } from './builtin/consolidation.ts';
import { returnsChaseList } from './builtin/returnsChase.ts';
import { visitReminderList } from './builtin/visitReminders.ts';
import type { ExportChoices, Template, TemplateColumn, TemplateSheet } from './types.ts';

/** In the order of their attachment numbers (附件1 … 附件12): the order 报表导出 lists them in. */
export const builtinTemplates: readonly Template[] = [branchLedger, liaisonLedger, projectLedger, problemLedger, evaluationLedger, orgSummary, liaisonSummary, reminderTalkList, keyShares, problemClosureSummary, returnsChaseList, visitReminderList];

export function findTemplate(id: string): Template | undefined {
  return builtinTemplates.find((t) => t.id === id);
}

export function defaultChoices(t: Template): ExportChoices {
  return { attachment: t.attachment, title: t.title, reportingUnit: '{unit}', omitted: [], emptyAs: '', titleFont: 'fzxbs' };
}

/** The columns a sheet is written with under these choices (optional ones may be left out). */
export function chosenColumns(sheet: TemplateSheet, choices: Pick<ExportChoices, 'omitted'>): TemplateColumn[] {
  return sheet.columns.filter((c) => !(c.optional && choices.omitted.includes(`${sheet.name}.${c.field}`)));
}

/** {unit} and {year} filled in. */
export function fillTitle(pattern: string, unit: string, year: number): string {
  return pattern.replaceAll('{unit}', unit).replaceAll('{year}', String(year));
}

/** The title as people name the table in a message: 党支部分类台账 (no unit, no year). */
export function plainTitle(t: Pick<Template, 'title'>): string {
  return t.title.replaceAll('{unit}', '').replace(/\{year\}\s*年?(度)?/g, '');
}

/** Header rows a sheet needs: two when any column has a group. */
export function headerDepth(columns: readonly TemplateColumn[]): 1 | 2 {
  return columns.some((c) => c.group) ? 2 : 1;
}

export type { ExportChoices, Template, TemplateColumn, TemplateSheet } from './types.ts';
