import type { DictEntry } from '../../shared/contract/types.ts';

/** code → label lookup for one dictionary, falling back to the code itself. */
export function labeler(entries: DictEntry[] | undefined, dict: string): (code: string | null) => string {
  const map = new Map((entries ?? []).filter((e) => e.dict === dict).map((e) => [e.code, e.label]));
  return (code) => (code === null ? '' : (map.get(code) ?? code));
}

export const numberFormat = new Intl.NumberFormat('zh-CN');
