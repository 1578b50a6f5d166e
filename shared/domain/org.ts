/**
 * The organisation tree: city/league → banner/county/district and city-level
 * committees → township/street/department committees → general branches and branches.
 * Levels are the tiers of administration; kinds are dictionary codes (see defaults.ts).
 */
export const orgLevels = ['city', 'county', 'township', 'branch'] as const;
export type OrgLevel = (typeof orgLevels)[number];

export const orgLevelLabels: Record<OrgLevel, string> = {
  city: '市（盟）级',
  county: '旗县区级',
  township: '苏木乡镇（街道）级',
  branch: '党支部（党总支）',
};

/** Built-in kind codes; the labels live in the `org_kind` dictionary. */
export type OrgKind =
  | 'city_committee'
  | 'county_committee'
  | 'city_direct_committee'
  | 'township_committee'
  | 'street_committee'
  | 'department_committee'
  | 'general_branch'
  | 'branch'
  | (string & {});

/** Which level a child of a node of `level` may have. */
export function childLevel(level: OrgLevel): OrgLevel | null {
  const i = orgLevels.indexOf(level);
  return orgLevels[i + 1] ?? (level === 'branch' ? 'branch' : null);
}

export function isBranchKind(kind: string): boolean {
  return kind === 'branch' || kind === 'general_branch';
}

/**
 * How a picker names a branch: with its township, so two 阿拉坦温都尔嘎查党支部 of two sumu
 * can be told apart (阿拉坦温都尔嘎查党支部（巴彦温都尔苏木）).
 */
export function branchPlaceLabel(name: string, township: string | null | undefined): string {
  return township ? `${name}（${township}）` : name;
}
