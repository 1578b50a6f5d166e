/** Result types of the contract: what the UI sees. The DB schema type stays in core. */
import type { OrgKind, OrgLevel } from '../domain/org.ts';

export interface AppInfo {
  name: string;
  version: string;
  schemaVersion: number;
  dbPath: string;
  /** Where the core runs: 'electron' | 'http' | 'loopback' (set by the transport host). */
  host: string;
}

export interface OrgNode {
  id: number;
  uid: string;
  parentId: number | null;
  level: OrgLevel;
  kind: OrgKind;
  name: string;
  code: string | null;
  field: string | null;
  closedOn: string | null;
  /** Direct children still open. */
  childCount: number;
  /** Open branches (党支部/党总支) in this subtree, this node included. */
  branchCount: number;
  /** Formal + probationary members in the subtree's ledger rows of `year`. */
  memberCount: number;
}

export interface OrgChildren {
  year: number;
  parent: OrgNode | null;
  nodes: OrgNode[];
}

export interface CountRow {
  key: string;
  label: string;
  count: number;
}

export interface StatsSummary {
  year: number | null;
  orgsByLevel: CountRow[];
  branches: number;
  branchesByCounty: CountRow[];
  branchesByField: CountRow[];
  branchesByGrade: CountRow[];
  leaders: number;
  liaisonPoints: number;
}

export interface DictEntry {
  dict: string;
  code: string;
  label: string;
  synonyms: string[];
  sortOrder: number;
  active: boolean;
}
