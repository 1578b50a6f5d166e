/**
 * 0009: 软弱涣散党支部 and 软弱涣散党组织, which 0007 made synonyms of the grade 后进, taken back.
 * The ledger keeps 软弱涣散 in a column of its own: a branch written so in 等次 is asked about
 * once (后进, with the 软弱涣散 column ticked by a person), not silently read as 后进 with the
 * flag lost. (0007 added the two in the same release; no city has them from anywhere else.)
 * SHIPPED once released: never edit; add a new migration.
 */
export const sql = `
UPDATE dict_entry SET synonyms = (
  SELECT json_group_array(value) FROM json_each(dict_entry.synonyms) WHERE value NOT IN ('软弱涣散党支部', '软弱涣散党组织')
)
WHERE dict = 'grade' AND code = 'lagging' AND json_valid(synonyms);
`;
