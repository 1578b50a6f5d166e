/**
 * 0017: the org tree's counts at the top of a region (issue 18). `org.children` for the roots
 * and a city counts every open branch of the region with its members: one pass grouped by
 * parent (repos/orgs.ts, `branchTallies`). With `parent_id` in the level index that pass reads
 * the index alone, in parent order, instead of each branch's row (73 → 43 ms of CPU at 100,000
 * branches). It replaces `org_level`, of which it is an extension (same writes, no extra index).
 * SHIPPED once released: never edit; add a new migration.
 */
export const sql = `
CREATE INDEX org_level_parent ON org (level, closed_on, parent_id);
DROP INDEX org_level;
`;
