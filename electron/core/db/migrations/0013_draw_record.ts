/**
 * 0013: the city's draw (市级抽查评估抽签) as a record that can be printed and checked: whether it
 * was stratified by field, the rounding rule of each stratum's count, the title printed on it,
 * whether the seed was given or chosen at random, the counts per stratum, and for a redraw its
 * reason and the draw it replaces (a draw is never redone silently: the old record stays).
 * SHIPPED once released: never edit; add a new migration.
 */
export const sql = `
ALTER TABLE evaluation_draw ADD COLUMN by_field INTEGER NOT NULL DEFAULT 0 CHECK (by_field IN (0, 1));
ALTER TABLE evaluation_draw ADD COLUMN rounding TEXT NOT NULL DEFAULT 'half_up_min1';
ALTER TABLE evaluation_draw ADD COLUMN seed_given INTEGER NOT NULL DEFAULT 0 CHECK (seed_given IN (0, 1));
ALTER TABLE evaluation_draw ADD COLUMN title TEXT;
ALTER TABLE evaluation_draw ADD COLUMN strata_json TEXT NOT NULL DEFAULT '[]';
ALTER TABLE evaluation_draw ADD COLUMN reason TEXT;
ALTER TABLE evaluation_draw ADD COLUMN supersedes_id INTEGER REFERENCES evaluation_draw (id);
CREATE INDEX evaluation_draw_year ON evaluation_draw (year, scope_org_id);
-- A draw is replaced once: two redraws of the same record at once cannot both stand.
CREATE UNIQUE INDEX evaluation_draw_supersedes ON evaluation_draw (supersedes_id) WHERE supersedes_id IS NOT NULL;
`;
