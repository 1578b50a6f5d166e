/**
 * 0018: the org tree's counts read each open branch's ledger row of the year for its members
 * (repos/orgs.ts, `branchTallies` and the path-range join). With the members in an index beside
 * `(org_id, year, deleted_at)` the lookup reads the index alone, not the row: `org.children` for
 * the roots or a city at 100,000 branches 43 → 29 ms of CPU, the same answers. The price is one
 * more index to write (the year copy and imports; their floors in bench/ use the same schema).
 * SHIPPED once released: never edit; add a new migration.
 */
export const sql = `
CREATE INDEX branch_ledger_members ON branch_ledger (org_id, year, deleted_at, members_formal, members_probationary);
`;
