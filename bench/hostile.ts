// Bench rows for the hostile shapes of the trust issue: a full check of one
// repo holding the shape, against the bare `yaml` parse of the same text
// (uniqueKeys off, so that the floor is the parser alone, not its quadratic
// duplicate check). Bound: no shape above 10x.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseAllDocuments } from 'yaml';
import { ZuulWorkspace } from '../server/src/engine/workspace';
import { shape } from '../test/helpers/hostile';
import { median } from './stats';

export const BOUND_HOSTILE_RATIO = 10;
const RUNS = 3;

/** Shape and scale per row: the sizes the issue names where it names one. */
const ROWS: { name: string; scale: number; repoFiles?: number }[] = [
  { name: 'long-name', scale: 500_000 },
  { name: 'many-keys', scale: 40_000 },
  { name: 'flow-list', scale: 250_000 },
  { name: 'long-pattern', scale: 1_000_000, repoFiles: 300 },
  { name: 'many-findings', scale: 140_000 },
  { name: 'alias-bomb', scale: 10 },
  { name: 'merge-bomb', scale: 30 },
  { name: 'deep-flow', scale: 250 },
  { name: 'deep-block', scale: 200 },
  { name: 'long-line', scale: 5_000_000 },
  { name: 'quote-in-plain', scale: 800 },
];

export interface HostileResult {
  shape: string;
  what: string;
  scale: number;
  mb: number;
  checkMs: number;
  yamlMs: number;
  ratio: number;
  findings: number;
}


export async function hostileRows(root: string): Promise<HostileResult[]> {
  const out: HostileResult[] = [];
  for (const row of ROWS) {
    const s = shape(row.name);
    const text = s.text(row.scale);
    const dir = join(root, `hostile-${row.name}`);
    mkdirSync(join(dir, 'zuul.d'), { recursive: true });
    mkdirSync(join(dir, '.git'), { recursive: true });
    for (let i = 0; i < (row.repoFiles ?? 0); i++) {
      mkdirSync(join(dir, 'src', `dir${i % 10}`), { recursive: true });
      writeFileSync(join(dir, 'src', `dir${i % 10}`, `file${i}.py`), '');
    }
    writeFileSync(join(dir, 'zuul.d', 'hostile.yaml'), text);
    const checks: number[] = [];
    let findings = 0;
    for (let i = 0; i <= RUNS; i++) {
      const ws = new ZuulWorkspace([dir]);
      const t = performance.now();
      await ws.load();
      findings = ws.findings(join(dir, 'zuul.d', 'hostile.yaml')).length;
      if (i > 0) checks.push(performance.now() - t);
    }
    const parses: number[] = [];
    for (let i = 0; i <= RUNS; i++) {
      const t = performance.now();
      parseAllDocuments(text, { version: '1.1', uniqueKeys: false });
      if (i > 0) parses.push(performance.now() - t);
    }
    const checkMs = median(checks);
    const yamlMs = median(parses);
    out.push({ shape: row.name, what: s.what, scale: row.scale, mb: Buffer.byteLength(text) / 1024 / 1024, checkMs, yamlMs, ratio: checkMs / yamlMs, findings });
    process.stderr.write(`measured hostile ${row.name}\n`);
  }
  return out;
}

export function hostileReport(rows: HostileResult[]): string[] {
  const out: string[] = [];
  out.push('', `Hostile shapes (test/helpers/hostile.ts): a full check (ZuulWorkspace.load() of one repo holding the file) against the bare parseAllDocuments({version: '1.1', uniqueKeys: false}) of the same text, median of ${RUNS} after 1 warm-up; ms per MB for both.`, '');
  out.push('| shape | scale | MB | findings | check ms | check ms/MB | yaml ms | yaml ms/MB | ratio |', '|---|---|---|---|---|---|---|---|---|');
  for (const r of rows) {
    const per = (ms: number) => (r.mb > 0 ? Math.round(ms / r.mb) : 0);
    out.push(`| ${r.shape} | ${r.scale} | ${r.mb.toFixed(2)} | ${r.findings} | ${r.checkMs.toFixed(1)} | ${per(r.checkMs)} | ${r.yamlMs.toFixed(1)} | ${per(r.yamlMs)} | ${r.ratio.toFixed(2)} |`);
  }
  return out;
}

export function hostileBound(rows: HostileResult[]): string {
  const worst = rows.reduce((a, b) => (b.ratio > a.ratio ? b : a), rows[0]);
  return `- hostile shapes within ${BOUND_HOSTILE_RATIO}x of the bare yaml parse: worst ${worst.shape} ${worst.ratio.toFixed(2)}x -> ${worst.ratio <= BOUND_HOSTILE_RATIO ? 'PASS' : 'FAIL'}`;
}
