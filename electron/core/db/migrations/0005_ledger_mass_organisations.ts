/**
 * 0005: 党建带群建 “1+3”: whether a branch's unit has set up its trade union, youth
 * league and women's federation organisations (是/否), three ledger columns.
 * SHIPPED: never edit.
 */
export const sql = `
ALTER TABLE branch_ledger ADD COLUMN union_built INTEGER CHECK (union_built IN (0, 1));
ALTER TABLE branch_ledger ADD COLUMN youth_league_built INTEGER CHECK (youth_league_built IN (0, 1));
ALTER TABLE branch_ledger ADD COLUMN women_federation_built INTEGER CHECK (women_federation_built IN (0, 1));
`;
