/**
 * 0016: a page's default view. Each person may mark one saved view of a grid as the one the
 * page opens with; the partial unique index keeps it to one per grid and person, so a second
 * "设为默认" can never leave two.
 * SHIPPED once released: never edit; add a new migration.
 */
export const sql = `
ALTER TABLE saved_view ADD COLUMN is_default INTEGER NOT NULL DEFAULT 0;
CREATE UNIQUE INDEX saved_view_one_default ON saved_view (grid, actor) WHERE is_default = 1;
`;
