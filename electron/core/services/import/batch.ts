/** An import's record: the file, what it was, and what was applied (its change set, for undo). */
import type { ImportCommitResult, ImportPreview } from '../../../../shared/contract/types.ts';
import { noteReviewed } from '../returns/index.ts';
import { insertImportBatch } from '../../repos/imports.ts';
import type { ServiceContext } from '../context.ts';

/** `fileMadeAt`: when a file without our manifest was made (a value it writes is as new as that). */
export function recordBatch(ctx: ServiceContext, preview: ImportPreview, changeSetId: string | null, applied: ImportCommitResult['applied'], batch: { id: string; now: string }, fileMadeAt: string | null = null): void {
  insertImportBatch(ctx.conn.sqlite, {
    id: batch.id,
    file_name: preview.file.name,
    file_hash: preview.file.hash,
    file_size: preview.file.size,
    template_id: preview.template.id,
    template_version: preview.template.version,
    recognised_by: preview.recognisedBy,
    export_batch_id: preview.exported?.batchId ?? null,
    unit_code: preview.exported?.unitCode ?? null,
    period: String(preview.year),
    counts_json: JSON.stringify({ ...preview.counts, applied }),
    change_set_id: changeSetId,
    status: 'committed',
    created_at: batch.now,
    actor: ctx.actor,
    file_made_at: fileMadeAt,
  });
  // A return sent down from here, now read in: 已审核 (an accepted one refuses, and the commit with it).
  noteReviewed(ctx, preview, batch.id);
}
