/**
 * 0006: the audit log is read by a row's stable uid. One history and one undo for every
 * kind of row (a ledger row, a record, a unit) look records up by uid: an id can be taken
 * again after a row was removed for good, and a row brought back by a redo keeps its uid
 * whatever id it gets. Records written before every write path gave a uid get the uid of
 * the row their id names, as the history has read them until now.
 * SHIPPED once released: never edit; add a new migration.
 */
export const sql = `
UPDATE audit_log SET row_uid = (SELECT uid FROM org WHERE org.id = audit_log.row_id) WHERE row_uid IS NULL AND entity = 'org';
UPDATE audit_log SET row_uid = (SELECT uid FROM branch_ledger t WHERE t.id = audit_log.row_id) WHERE row_uid IS NULL AND entity = 'branch_ledger';
UPDATE audit_log SET row_uid = (SELECT uid FROM leader t WHERE t.id = audit_log.row_id) WHERE row_uid IS NULL AND entity = 'leader';
UPDATE audit_log SET row_uid = (SELECT uid FROM liaison t WHERE t.id = audit_log.row_id) WHERE row_uid IS NULL AND entity = 'liaison';
UPDATE audit_log SET row_uid = (SELECT uid FROM liaison_visit t WHERE t.id = audit_log.row_id) WHERE row_uid IS NULL AND entity = 'liaison_visit';
UPDATE audit_log SET row_uid = (SELECT uid FROM project t WHERE t.id = audit_log.row_id) WHERE row_uid IS NULL AND entity = 'project';
UPDATE audit_log SET row_uid = (SELECT uid FROM problem t WHERE t.id = audit_log.row_id) WHERE row_uid IS NULL AND entity = 'problem';
UPDATE audit_log SET row_uid = (SELECT uid FROM evaluation t WHERE t.id = audit_log.row_id) WHERE row_uid IS NULL AND entity = 'evaluation';

CREATE INDEX audit_uid ON audit_log (row_uid, id);
`;
