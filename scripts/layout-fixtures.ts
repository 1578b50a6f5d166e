/**
 * Makes the fixtures of the layouts offices keep by hand (tests/fixtures/import/layouts):
 * picks real leaders, points, branches, projects and problems of the small demo league
 * (seed 1, the test clock), and hands them to make_layouts.py, which writes each file
 * with openpyxl, has LibreOffice re-save it, and writes down beside them (expected.json)
 * the values and the exact cells the import must find. Run again only when the seed changes:
 *   npm run fixtures:layouts
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { seededCore } from '../tests/helpers/core.ts';

const out = path.resolve(import.meta.dirname, '../tests/fixtures/import/layouts');
const { core, dir } = await seededCore('small', 1);
const year = 2026;
const list = async (table: 'leader' | 'liaison' | 'project' | 'problem') => (await core.call('records.list', { table, year })).rows;
const leaders = await list('leader');
const points = await list('liaison');
const projects = await list('project');
const problems = await list('problem');
const name = (v: unknown) => String(v ?? '');
const pick = (values: Record<string, unknown>, fields: string[]) => Object.fromEntries(fields.map((f) => [f, values[f] ?? null]));

// A township leader with two points or more, in a township that has a project and a problem.
const leader = leaders.find((l) => l.values.level !== '市级' && points.filter((p) => p.values.leaderId === l.id).length >= 2 && /镇党委书记$/.test(name(l.values.title)))!;
const committee = name(leader.values.committeeName);
const ofLeader = points.filter((p) => p.values.leaderId === leader.id);
const township = committee.replace(/党委$|党工委$/, '');
const townOrg = (await core.call('org.search', { query: committee, limit: 5 })).find((r) => r.node.name === committee)!.node;
const branches = (await core.call('org.children', { parentId: townOrg.id, counts: false })).nodes.filter((n) => n.level === 'branch').map((n) => n.name);
const pointed = new Set(points.map((p) => name(p.values.branchName)));
const free = branches.filter((b) => !pointed.has(b));
const otherCommittee = (await core.call('org.children', { parentId: townOrg.parentId!, counts: false })).nodes.find((n) => n.level === 'township' && n.id !== townOrg.id)!.name;
const project = projects.find((p) => p.values.leaderId === leader.id)!;
const problem = problems.find((p) => name(p.values.unitName) === committee)!;
const inputs = {
  year,
  committee,
  township,
  otherCommittee,
  leader: { name: name(leader.values.name), title: name(leader.values.title) },
  // What we hold of the point and the project: the file writes it as it is, but for one cell each.
  point: pick(ofLeader[0]!.values, ['branchName', 'category', 'mainProblems', 'goals', 'measures', 'visits', 'notes']),
  freeBranches: free.slice(0, 4),
  newLeader: { name: '王建新', title: `${township}党委副书记` },
  project: pick(project.values, ['name', 'branchName', 'content', 'funds', 'dueOn', 'progress']),
  problem: pick(problem.values, ['unitName', 'description', 'measures', 'responsible', 'dueOn', 'status']),
};
if (leaders.some((l) => l.values.name === inputs.newLeader.name)) throw new Error('the new leader is already in the seed');
const file = path.join(dir, 'inputs.json');
fs.writeFileSync(file, JSON.stringify(inputs));
execFileSync('/usr/bin/python3', [path.join(out, 'make_layouts.py'), file, out], { stdio: 'inherit' });
await core.close();
