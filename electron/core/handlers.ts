/**
 * One handler per contract method. The dispatcher (createCore) has already
 * validated the arguments against the method's zod schema.
 */
import { acceptReturn, reopenReturn, returnBoard, returnHistory, setReturnDeadline } from './services/returns/index.ts';
import { AppError } from '../../shared/contract/errors.ts';
import type { MethodName, MethodResult, ParsedArgs } from '../../shared/contract/methods.ts';
import type { CoreConfig } from './config.ts';
import { listDictEntriesSync } from './repos/dicts.ts';
import { ledgerYears, ledgerWriter } from './repos/ledger.ts';
import { deleteView, listViews, renameView, saveView, setDefaultView } from './repos/views.ts';
import type { ServiceContext } from './services/context.ts';
import { history } from './services/history.ts';
import { childrenOf } from './services/org/children.ts';
import { redoChange, undoChange } from './services/changes/index.ts';
import { ledgerChecks, loadSettings } from './services/ledger/checks.ts';
import { saveDict, saveSettings } from './services/settings/index.ts';
import { findDivisions, initSetup, planSetup, resolveDivision, setupStatus } from './services/setup/index.ts';
import { editLedger } from './services/ledger/edit.ts';
import { besideLedger, ledgerOpening, listLedger } from './services/ledger/list.ts';
import { addBranch, addBranches, copyYear, deleteRows, restoreRows } from './services/ledger/rows.ts';
import { closeOrg, createOrg, moveOrg, reopenOrg, searchOrg, updateOrg } from './services/org/index.ts';
import { statsSummary } from './services/stats/summary.ts';
import { statsTables } from './services/stats/tables.ts';
import { exportStats, saveChartImage } from './services/stats/export.ts';
import { rankBranchesOf, rankingSettings, reminderTalks, saveRankingSettings } from './services/ranking/index.ts';
import { recordSpecs } from './repos/records.ts';
import { addRecords } from './services/records/add.ts';
import { pipelineBoard } from './services/pipeline/board.ts';
import { advance, branchView, nameUndrawn, sendBack } from './services/pipeline/index.ts';
import { loadPipelineSettings, savePipelineSettings } from './services/pipeline/settings.ts';
import { editRecords } from './services/records/edit.ts';
import { listRecords } from './services/records/list.ts';
import { deleteRecords, restoreRecords } from './services/records/rows.ts';
import { branchCard, leaderCard, liaisonBehind, liaisonRules, pointProposal } from './services/liaison/index.ts';
import { builtinTemplates } from '../../shared/templates/index.ts';
import { listExportBatches } from './repos/exports.ts';
import { loadChoices, lastScope, previewExport, runExport, sendDown } from './services/export/index.ts';
import { plainFileName } from './fileName.ts';
import { lastFolder, rememberFolder } from './shell.ts';
import { commitImport, importHistory, openImport, uploadToInbox } from './services/import/index.ts';
import { fixCell } from './services/import/revise.ts';
import { mapValues } from './services/import/values.ts';
import { claimProblem, clearProblem, noteProblem, problemClosure, reopenProblem, startProblem, stepsOf } from './services/problems/index.ts';
import { copyStandards, listStandards, loadExampleStandards, moveStandard, saveStandard } from './services/standards/index.ts';
import { branchChecklist, checklistShares, generateProblems, markChecklist } from './services/standards/checklist.ts';
import { drawCandidates, drawRecords, runDraw } from './services/draw/index.ts';
import { printDraw } from './services/draw/print.ts';
import { exportConsolidation, runConsolidation, traceFigure } from './services/consolidate/index.ts';
import { sendBackReturn } from './services/returns/sendBack.ts';
import { roundCheck } from './services/returns/round.ts';
import { backupBeforeImport, backupNow, dbHealth, listBackups, restoreBackup, restoreFromFile, saveRetention } from './services/backup/index.ts';
import { offerTour, recordTour, tourState } from './services/help/tour.ts';
import { addAccount, authStatus, changePassword, lock, removeAccount, saveIdle, turnOff, unlock, type AuthSession } from './services/auth/index.ts';

/** A restore replaces the accounts too: the session is checked against the restored file's. */
async function afterRestore<R>(ctx: HandlerContext, restoring: Promise<R>): Promise<R> {
  const result = await restoring;
  ctx.auth.recheck(ctx.conn.sqlite);
  return result;
}

export interface HandlerContext extends ServiceContext {
  config: Required<Pick<CoreConfig, 'appVersion' | 'host'>>;
  schemaVersion: number;
  /** Whose session this is (the password's lock). */
  auth: AuthSession;
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

  'org.children': (args, ctx) => childrenOf(ctx, args),
  'org.search': (args, ctx) => searchOrg(ctx, args),
  'org.create': (args, ctx) => createOrg(ctx, args),
  'org.update': (args, ctx) => updateOrg(ctx, args),
  'org.move': (args, ctx) => moveOrg(ctx, args),
  'org.close': (args, ctx) => closeOrg(ctx, args),
  'org.reopen': (args, ctx) => reopenOrg(ctx, args),
  'org.history': (args, ctx) => history(ctx, [{ entity: 'org', rowId: args.id }]),

  'ledger.years': (_args, ctx) => ledgerYears(ctx.conn.sqlite),
  'ledger.list': (args, ctx) => listLedger(ctx, args),
  'ledger.opening': (args, ctx) => ledgerOpening(ctx, args.limit),
  'ledger.edit': (args, ctx) => editLedger(ctx, args),
  'ledger.addBranch': (args, ctx) => addBranch(ctx, args),
  'ledger.addBranches': (args, ctx) => addBranches(ctx, args),
  'ledger.delete': (args, ctx) => deleteRows(ctx, args),
  'ledger.restore': (args, ctx) => restoreRows(ctx, args),
  'ledger.copyYear': (args, ctx) => copyYear(ctx, args),
  'ledger.history': (args, ctx) => {
    const row = ledgerWriter(ctx.conn.sqlite).get(args.id);
    if (!row) throw new AppError('NOT_FOUND', `找不到编号为 ${args.id} 的台账行。`);
    return history(ctx, [
      { entity: 'branch_ledger', rowId: row.id },
      { entity: 'org', rowId: row.org_id },
    ]);
  },
  'ledger.checks': (args, ctx) => ledgerChecks(ctx, args.year, args.scopeOrgId),
  'changes.undo': (args, ctx) => undoChange(ctx, args),
  'changes.redo': (args, ctx) => redoChange(ctx, args),

  'dict.list': (args, ctx) => listDictEntriesSync(ctx.conn.sqlite, args.dict),
  'dict.save': (args, ctx) => saveDict(ctx, args),

  // Saved views belong to the computer's account: giving one's name in 设置 must not hide the views saved before.
  'view.list': (args, ctx) => listViews(ctx.conn.sqlite, args.grid, ctx.account),
  'view.save': (args, ctx) => saveView(ctx.conn.sqlite, { ...args, actor: ctx.account, now: ctx.now().toISOString() }),
  'view.delete': (args, ctx) => ({ deleted: deleteView(ctx.conn.sqlite, args.id, ctx.account) }),
  'view.rename': (args, ctx) => renameView(ctx.conn.sqlite, { ...args, actor: ctx.account, now: ctx.now().toISOString() }),
  'view.setDefault': (args, ctx) => setDefaultView(ctx.conn, { ...args, actor: ctx.account }),

  'settings.get': (_args, ctx) => loadSettings(ctx),
  'settings.save': (args, ctx) => saveSettings(ctx, args),
  'setup.status': (_args, ctx) => setupStatus(ctx),
  'divisions.search': (args) => findDivisions(args),
  'setup.plan': (args) => planSetup(resolveDivision(args.code)),
  'setup.init': (args, ctx) =>
    initSetup(ctx, args).then((built) => {
      offerTour(ctx.conn.sqlite);
      return built;
    }),

  'records.list': (args, ctx) => listRecords(ctx, args),
  'records.add': (args, ctx) => addRecords(ctx, args),
  'records.edit': (args, ctx) => editRecords(ctx, args),
  'records.delete': (args, ctx) => deleteRecords(ctx, args.table, args.ids),
  'records.restore': (args, ctx) => restoreRecords(ctx, args.table, args.year, args.ids),
  'records.history': (args, ctx) => history(ctx, [{ entity: recordSpecs[args.table].sqlTable, rowId: args.id }]),

  // A page only suggests a name; the host's dialog (or folder) decides where, and the grant says for what.
  // The dialog opens in the folder last saved in (export, send-down, statistics alike).
  'shell.chooseSaveFile': async (args, ctx) => {
    const p = await ctx.shell.chooseSaveFile(plainFileName(args.suggestedName), lastFolder(ctx.conn.sqlite));
    if (p === null) return { path: null };
    const granted = ctx.grants.write(p);
    // A setting, not a ledger row: the year kept in memory stays valid (else the next export re-reads it).
    besideLedger(ctx, () => rememberFolder(ctx.conn.sqlite, granted));
    return { path: granted };
  },
  'shell.chooseFolder': async (args, ctx) => {
    const p = await ctx.shell.chooseFolder(plainFileName(args.suggestedName), lastFolder(ctx.conn.sqlite));
    if (p === null) return { path: null };
    const granted = ctx.grants.folder(p);
    // A setting, not a ledger row: the year kept in memory stays valid (else the next export re-reads it).
    besideLedger(ctx, () => rememberFolder(ctx.conn.sqlite, granted));
    return { path: granted };
  },
  'shell.chooseOpenFile': async (_args, ctx) => {
    const p = await ctx.shell.chooseOpenFile();
    return { path: p === null ? null : ctx.grants.read(p) };
  },
  'shell.openPath': async (args, ctx) => ({ opened: await ctx.shell.openPath(ctx.grants.shown(args.path)) }),

  'templates.list': (_args, ctx) =>
    Promise.all(builtinTemplates.map(async (t) => ({
      id: t.id,
      version: t.version,
      title: t.title,
      attachment: t.attachment,
      description: t.description,
      returnable: t.returnable,
      rows: t.rows,
      sheets: t.sheets.map((s) => ({ name: s.name, columns: s.columns.map((c) => ({ field: c.field, header: c.header, group: c.group ?? null, optional: c.optional ?? false, width: c.width })) })),
      choices: loadChoices(ctx, t),
      lastScope: await lastScope(ctx, t),
    }))),
  'export.preview': (args, ctx) => previewExport(ctx, args.templateId, args.scope, args.choices),
  'export.run': (args, ctx) => runExport(ctx, args),
  'export.sendDown': (args, ctx) => sendDown(ctx, args),
  'export.batches': (args, ctx) =>
    listExportBatches(ctx.conn.sqlite, args.limit ?? 200).map((b) => ({
      id: b.id,
      templateId: b.template_id,
      templateVersion: b.template_version,
      unitName: b.unit_name,
      unitCode: b.unit_code,
      period: b.period,
      fileName: b.file_name,
      rows: b.row_count,
      sendDownId: b.send_down_id,
      at: b.created_at,
      actor: b.actor,
    })),

  'import.open': (args, ctx) => openImport(ctx, args),
  'import.upload': (args, ctx) => uploadToInbox(ctx, args.name, args.data),
  'import.commit': async (args, ctx) => {
    // A verified backup before every import is written (issue 17); none when the preview is gone (the commit says so).
    await backupBeforeImport(ctx, ctx.imports.get(args.sessionId)?.preview.file.name ?? null);
    return commitImport(ctx, args.sessionId, args.decisions);
  },
  'import.fix': (args, ctx) => fixCell(ctx, args),
  'import.mapValues': (args, ctx) => mapValues(ctx, args),
  'import.discard': (args, ctx) => {
    ctx.imports.drop(args.sessionId);
    return { discarded: true };
  },
  'import.history': (args, ctx) => importHistory(ctx, args.limit),

  'liaison.rules': (args, ctx) => liaisonRules(ctx, args.year, args.scopeOrgId),
  'liaison.leaderCard': (args, ctx) => leaderCard(ctx, args.leaderId, args.year),
  'liaison.branchCard': (args, ctx) => branchCard(ctx, args.orgId, args.year),

  'stats.summary': (args, ctx) => statsSummary(ctx.conn.sqlite, args.year, args.scopeOrgId),

  'problems.claim': (args, ctx) => claimProblem(ctx, args),
  'problems.start': (args, ctx) => startProblem(ctx, args),
  'problems.clear': (args, ctx) => clearProblem(ctx, args),
  'problems.reopen': (args, ctx) => reopenProblem(ctx, args),
  'problems.note': (args, ctx) => noteProblem(ctx, args),
  'problems.steps': (args, ctx) => stepsOf(ctx, args.id),
  'problems.closure': (args, ctx) => problemClosure(ctx, args),
  'standards.list': (args, ctx) => listStandards(ctx, args.year),
  'standards.save': (args, ctx) => saveStandard(ctx, args),
  'standards.move': (args, ctx) => moveStandard(ctx, args),
  'standards.copyYear': (args, ctx) => copyStandards(ctx, args),
  'standards.loadExample': (args, ctx) => loadExampleStandards(ctx, args),
  'checklist.branch': (args, ctx) => branchChecklist(ctx, args),
  'checklist.mark': (args, ctx) => markChecklist(ctx, args),
  'checklist.shares': (args, ctx) => checklistShares(ctx, args),
  'checklist.generateProblems': (args, ctx) => generateProblems(ctx, args),
  'pipeline.settings': (_args, ctx) => loadPipelineSettings(ctx),
  'pipeline.saveSettings': (args, ctx) => savePipelineSettings(ctx, args),
  'pipeline.board': (args, ctx) => pipelineBoard(ctx, args),
  'pipeline.branch': (args, ctx) => branchView(ctx, args.orgId, args.year),
  'pipeline.advance': (args, ctx) => advance(ctx, args),
  'pipeline.sendBack': (args, ctx) => sendBack(ctx, args),
  'pipeline.nameUndrawn': (args, ctx) => nameUndrawn(ctx, args),
  'draw.candidates': (args, ctx) => drawCandidates(ctx, args),
  'draw.run': (args, ctx) => runDraw(ctx, args),
  'draw.list': (args, ctx) => drawRecords(ctx, args),
  'draw.print': (args, ctx) => printDraw(ctx, args),
  'ranking.list': (args, ctx) => rankBranchesOf(ctx, args.year, args.scopeOrgId),
  'ranking.reminders': (args, ctx) => reminderTalks(ctx, args.year, args.scopeOrgId),
  'ranking.settings': (_args, ctx) => rankingSettings(ctx),
  'ranking.saveSettings': (args, ctx) => saveRankingSettings(ctx, args),
  'consolidate.run': (args, ctx) => runConsolidation(ctx, args),
  'consolidate.trace': (args, ctx) => traceFigure(ctx, args),
  'consolidate.export': (args, ctx) => exportConsolidation(ctx, args),
  'returns.board': (args, ctx) => returnBoard(ctx, args),
  'returns.accept': (args, ctx) => acceptReturn(ctx, args),
  'returns.reopen': (args, ctx) => reopenReturn(ctx, args),
  'returns.setDue': (args, ctx) => setReturnDeadline(ctx, args),
  'returns.history': (args, ctx) => returnHistory(ctx, args.returnId),
  'returns.sendBack': (args, ctx) => sendBackReturn(ctx, args),
  'returns.roundCheck': (args, ctx) => roundCheck(ctx, args),
  'stats.tables': (args, ctx) => statsTables(ctx, args),
  'stats.export': (args, ctx) => exportStats(ctx, args),
  'stats.saveImage': (args, ctx) => saveChartImage(ctx, args),
  'backup.list': (_args, ctx) => listBackups(ctx),
  'backup.now': (args, ctx) => backupNow(ctx, args),
  'backup.restore': (args, ctx) => afterRestore(ctx, restoreBackup(ctx, args)),
  'backup.restoreFile': (args, ctx) => afterRestore(ctx, restoreFromFile(ctx, args)),
  'backup.saveRetention': (args, ctx) => saveRetention(ctx, args),
  'app.health': (_args, ctx) => dbHealth(ctx),
  'auth.status': (_args, ctx) => authStatus(ctx),
  'auth.addAccount': (args, ctx) => addAccount(ctx, args),
  'auth.unlock': (args, ctx) => unlock(ctx, args),
  'auth.lock': (_args, ctx) => lock(ctx),
  'auth.changePassword': (args, ctx) => changePassword(ctx, args),
  'auth.removeAccount': (args, ctx) => removeAccount(ctx, args),
  'auth.turnOff': (args, ctx) => turnOff(ctx, args),
  'auth.saveIdle': (args, ctx) => saveIdle(ctx, args),
  'shell.takeGivenFile': (_args, ctx) => ({ path: ctx.grants.takeGiven() }),
  'liaison.behind': (args, ctx) => liaisonBehind(ctx, args.year, args.scopeOrgId),
  'liaison.pointProposal': (args, ctx) => pointProposal(ctx, args.orgId, args.year),
  'help.tour': (_args, ctx) => tourState(ctx.conn.sqlite),
  'help.tourDone': (args, ctx) => recordTour(ctx.conn.sqlite, args.outcome),
};
