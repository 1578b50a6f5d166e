/** Files read and compared, kept in memory until committed or dropped (nothing is written before). */
import { AppError } from '../../../../shared/contract/errors.ts';
import type { ImportCounts, ImportPreview, ImportRowView } from '../../../../shared/contract/types.ts';
import { erases, isHeld } from '../../../../shared/domain/importPlan.ts';
import type { ServiceContext } from '../context.ts';
import type { LedgerAnalysis } from './ledger.ts';
import type { Recognised } from './recognise.ts';
import type { SheetReturn } from './returns/analyse.ts';

interface SessionBase {
  preview: ImportPreview;
  file: string;
  recognised: Recognised;
  templateId?: string;
}

/** A ledger's file, or a returned file of records (one comparison per sheet). */
export type ImportSession = LedgerSession | RecordsSession;

export interface LedgerSession extends SessionBase {
  kind: 'ledger';
  analysis: LedgerAnalysis;
}

export interface RecordsSession extends SessionBase {
  kind: 'records';
  sheets: SheetReturn[];
}

/** A few sessions at most: a preview of 100,000 rows is not small, and only the latest ones matter. */
export class ImportSessions {
  private sessions = new Map<string, ImportSession>();

  set(s: ImportSession): void {
    this.sessions.delete(s.preview.sessionId);
    this.sessions.set(s.preview.sessionId, s);
    while (this.sessions.size > 3) this.sessions.delete(this.sessions.keys().next().value!);
  }

  get(id: string): ImportSession | undefined {
    return this.sessions.get(id);
  }

  drop(id: string): void {
    this.sessions.delete(id);
  }

  /** Forgets every preview (a restore replaced the data they were compared with). */
  clear(): void {
    this.sessions.clear();
  }
}

export function sessionOrThrow(ctx: ServiceContext, id: string): ImportSession {
  const session = ctx.imports.get(id);
  if (!session) throw new AppError('NOT_FOUND', '这次导入的预览已过期（可能已提交或程序重启过），请重新选择文件。');
  return session;
}

/** The preview's figures, from its rows and problems as they are now. */
export function countOf(rows: ImportRowView[], missing: number, problems: { severity: string }[]): ImportCounts {
  return {
    read: rows.length,
    new: rows.filter((r) => r.status === 'new').length,
    changed: rows.filter((r) => r.status === 'changed').length,
    unchanged: rows.filter((r) => r.status === 'unchanged').length,
    missing,
    conflicts: rows.reduce((n, r) => n + r.diffs.filter((d) => d.status === 'conflict').length, 0),
    // The unit's own erasures; one that conflicts with a change made here counts as a conflict.
    clears: rows.reduce((n, r) => n + (isHeld(r) ? r.diffs.filter((d) => d.status === 'change' && erases(d)).length : 0), 0),
    errors: problems.filter((p) => p.severity === 'error').length,
    warnings: problems.filter((p) => p.severity === 'warning').length,
  };
}
