/** Files read and compared, kept in memory until committed or dropped (nothing is written before). */
import type { ImportPreview } from '../../../../shared/contract/types.ts';
import type { LedgerAnalysis } from './ledger.ts';
import type { Recognised } from './recognise.ts';

export interface ImportSession {
  preview: ImportPreview;
  file: string;
  recognised: Recognised;
  analysis: LedgerAnalysis;
  templateId?: string;
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
}
