import { describe, expect, it } from 'vitest';
import { buildSeed } from '../../electron/core/services/seed/index.ts';
import { seededCore } from '../helpers/core.ts';

const now = '2026-03-15T02:00:00.000Z';

describe('seed generator', () => {
  it('is deterministic: the same seed gives the same league, another seed another', () => {
    const a = buildSeed({ size: 'small', seed: 42, year: 2026, now });
    const b = buildSeed({ size: 'small', seed: 42, year: 2026, now });
    const c = buildSeed({ size: 'small', seed: 43, year: 2026, now });
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    expect(JSON.stringify(c)).not.toBe(JSON.stringify(a));
  });

  it('builds a league in realistic proportions', () => {
    const d = buildSeed({ size: 'league', seed: 1, year: 2026, now });
    const branches = d.orgs.filter((o) => o.level === 'branch');
    expect(branches).toHaveLength(8000);
    expect(d.orgs.filter((o) => o.kind === 'county_committee')).toHaveLength(12);
    expect(d.orgs.filter((o) => o.kind === 'city_direct_committee')).toHaveLength(6);
    const share = (n: number) => n / d.ledger.length;
    expect(share(d.ledger.filter((l) => l.standardised === 1).length)).toBeGreaterThan(0.45);
    expect(share(d.ledger.filter((l) => l.standardised === 1).length)).toBeLessThan(0.62);
    expect(share(d.ledger.filter((l) => l.grade === 'lagging').length)).toBeGreaterThan(0.08);
    expect(new Set(branches.map((b) => b.field)).size).toBe(11);
    expect(d.liaisons.length).toBeGreaterThan(900);
    expect(d.liaisons.length).toBeLessThan(1300);
    // Names are unique within their parent, secretaries and phones look real.
    const perParent = new Set(branches.map((b) => `${b.parent_id}|${b.name}`));
    expect(perParent.size).toBe(branches.length);
    expect(d.ledger.filter((l) => l.secretary_phone && /^(1[3-9]\d{9}|0476-\d{7})$/.test(l.secretary_phone)).length).toBe(8000);
  });

  it("puts every secretary's first liaison point at a lagging branch", () => {
    const d = buildSeed({ size: 'league', seed: 3, year: 2026, now });
    const grade = new Map(d.ledger.map((l) => [l.org_id, l.grade]));
    const secretaries = d.leaders.filter((l) => l.position === 'secretary');
    expect(secretaries.length).toBeGreaterThan(150);
    for (const s of secretaries) {
      const points = d.liaisons.filter((p) => p.leader_id === s.id);
      expect(points.length).toBeGreaterThanOrEqual(1);
      expect(points.some((p) => grade.get(p.org_id) === 'lagging'), s.title ?? s.name).toBe(true);
    }
    for (const l of d.leaders) {
      const n = d.liaisons.filter((p) => p.leader_id === l.id).length;
      expect(n).toBeGreaterThanOrEqual(1);
      expect(n).toBeLessThanOrEqual(2);
    }
  });

  it('covers the liaison work in realistic proportions: records, projects, problems, evaluations', async () => {
    const late = '2026-11-24T02:00:00.000Z';
    const d = buildSeed({ size: 'league', seed: 1, year: 2026, now: late });
    // Chifeng: 1,060 points and 1,035 projects; about four records a point a year by late November.
    expect(d.projects.length / d.liaisons.length).toBeGreaterThan(0.93);
    expect(d.projects.length / d.liaisons.length).toBeLessThan(1);
    expect(d.visits.length / d.liaisons.length).toBeGreaterThan(3.5);
    expect(d.visits.every((v) => v.visited_on >= '2026-01-01' && v.visited_on <= '2026-11-24')).toBe(true);
    expect(d.projects.some((p) => p.progress !== 'done' && p.due_on! < '2026-11-24')).toBe(true); // some overdue
    // Chifeng: 153 problems, 125 of them crossed off; each with the steps of its loop, some still open past the deadline.
    expect(d.problems.length).toBeGreaterThan(140);
    expect(d.problems.length).toBeLessThan(170);
    const cleared = d.problems.filter((p) => p.status === 'cleared').length / d.problems.length;
    expect(cleared).toBeGreaterThan(0.72);
    expect(cleared).toBeLessThan(0.9);
    expect(d.problems.some((p) => p.status !== 'cleared' && p.due_on! < '2026-11-24')).toBe(true);
    expect(new Set(d.problems.map((p) => d.orgs.find((o) => o.id === p.org_id)!.level))).toEqual(new Set(['township', 'branch']));
    for (const p of d.problems) {
      const steps = d.problemSteps.filter((s) => s.problem_id === p.id);
      expect(steps[0]).toMatchObject({ from_status: null, to_status: 'open', at: p.found_on });
      expect(steps.at(-1)!.to_status).toBe(p.status);
      expect(steps.every((s, i) => i === 0 || s.at >= steps[i - 1]!.at)).toBe(true);
    }
    // Each branch's evaluations follow its "strongest branch" status, stage by stage.
    const stagesOf = new Map<number, string[]>();
    for (const e of d.evaluations) stagesOf.set(e.org_id, [...(stagesOf.get(e.org_id) ?? []), e.stage]);
    const assessed = d.ledger.find((l) => l.strongest_status === 'city_assessed')!;
    expect(stagesOf.get(assessed.org_id)).toEqual(['self', 'applied', 'township', 'county', 'city']);
    expect(stagesOf.has(d.ledger.find((l) => l.strongest_status === 'none')!.org_id)).toBe(false);

    // Through the core, the seeded league meets the hard rule: every secretary guides a lagging branch.
    const { core } = await seededCore('league', 1);
    const rules = await core.call('liaison.rules', { year: 2026 });
    expect(rules.outcomes.find((o) => o.rule === 'secretaryAtLagging')!.violations).toEqual([]);
    expect(rules.outcomes.find((o) => o.rule === 'leaderHasPoint')!.violations).toEqual([]);
    await core.close();
  });

  it('makes exactly 100,000 branches for the benchmark size', () => {
    const d = buildSeed({ size: '100k', seed: 1, year: 2026, now });
    expect(d.orgs.filter((o) => o.level === 'branch')).toHaveLength(100_000);
  });

  it('refuses to seed a database that already has organisations, and changes nothing', async () => {
    const { core } = await seededCore('small', 5);
    const before = core.conn.sqlite.prepare('SELECT count(*) AS n FROM org').get();
    const { writeSeed } = await import('../../electron/core/services/seed/index.ts');
    await expect(
      writeSeed(core.conn, buildSeed({ size: 'small', seed: 6, year: 2026, now }), { actor: 't', now, seed: 6 }),
    ).rejects.toMatchObject({ code: 'DB_NOT_EMPTY' });
    expect(core.conn.sqlite.prepare('SELECT count(*) AS n FROM org').get()).toEqual(before);
    expect(core.conn.sqlite.prepare("SELECT count(*) AS n FROM change_set WHERE source = 'seed'").get()).toEqual({ n: 1 });
    await core.close();
  });
});
