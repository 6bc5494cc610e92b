// Our findings and Zuul's errors side by side, stanza by stanza.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ZuulWorkspace } from '../../server/src/engine/workspace';
import type { BuiltWorld } from './worlds';
import { oracleAnsibleVersions, type OracleResult } from './oracle';
import { stanzaAt, stanzasOf, type Stanza } from './stanzas';

/** Rules that say what Zuul's loader cannot know: it never opens a playbook, applies no files matcher when it freezes, and has no bootstrap policy. */
export const BEYOND_LOADER: Record<string, string> = {
  'playbook-not-found': 'Zuul finds a missing playbook only when the job runs',
  'playbook-extension-missing': 'Zuul finds a missing playbook only when the job runs',
  'role-not-found': 'Zuul finds a missing role only when the job runs',
  'missing-bootstrap-dependency': 'our bootstrap policy (zuul.bootstrapJobs)',
  'bootstrap-not-first': 'our bootstrap policy (zuul.bootstrapJobs)',
  'unguarded-concurrent-pipelines': 'our bootstrap policy (zuul.bootstrapJobs)',
  'unexpected-parent': 'our parent policy (parentRules)',
  'filtered-hard-dependency': 'depends on the files a change touches; the oracle freezes with none',
  'files-matcher-matches-nothing': 'depends on the files of the repo; Zuul never says',
  'files-matcher-matches-everything': 'depends on the files of the repo; Zuul never says',
  'inheritance-cycle': 'Zuul reports nothing and loops when it freezes such a job',
};

/** Rules whose errors Zuul gives when it freezes a job graph: counted apart in a world not frozen. */
export const AT_FREEZE = new Set([
  'dependency-not-in-pipeline',
  'dependency-cycle',
  'abstract-job-in-pipeline',
  'no-run-playbook',
  'post-review-job-in-pre-review',
  'final-job-modified',
  'semaphore-conflict-inherited',
  'nodeset-cycle',
  'nodes-over-tenant-max',
  'unknown-secret (at freeze)',
]);

export interface Item {
  side: 'zuul' | 'ours';
  severity: string;
  /** `project/path`, or `(tenant)`. */
  file: string;
  stanza: string;
  /** Zuul's error name or our rule id. */
  cls: string;
  text: string;
}

/** The same problem on both sides sits in the same stanza of the same file. */
export const place = (i: Item) => `${i.file}\0${i.stanza}`;
/** A problem's identity across runs of one world, its line numbers aside. */
export const identity = (i: Item) => `${i.side}\0${place(i)}\0${i.cls}\0${i.text.replace(/\d+/g, '#')}`;

export class StanzaCache {
  private files = new Map<string, Stanza[]>();
  constructor(private world: BuiltWorld) {}
  at(file: string, line0: number): string {
    let s = this.files.get(file);
    if (!s) {
      try {
        s = stanzasOf(readFileSync(join(this.world.root, file), 'utf8'));
      } catch {
        s = [];
      }
      this.files.set(file, s);
    }
    return stanzaAt(s, line0);
  }
}

const FREEZE_JOB = /\bJob ([^\s"]+)/;

export function zuulItems(result: OracleResult, stanzas: StanzaCache): Item[] {
  const out: Item[] = [];
  for (const e of result.errors) {
    const file = e.project && e.path ? `${e.project}/${e.path}` : '(tenant)';
    const stanza = e.line ? stanzas.at(file, e.line - 1) : '(file)';
    out.push({ side: 'zuul', severity: e.severity, file, stanza, cls: e.name, text: e.short_error || e.error.split('\n')[0] });
  }
  for (const e of result.freeze_errors) {
    // Zuul says which project and pipeline, not where: the job it names stands for the stanza.
    const job = FREEZE_JOB.exec(e.error)?.[1] ?? '';
    out.push({ side: 'zuul', severity: 'error', file: `(freeze ${e.project})`, stanza: job, cls: 'freeze', text: e.error.replace(/^Unable to freeze job graph: /, '') });
  }
  return out;
}

export async function ourItems(world: BuiltWorld, stanzas: StanzaCache): Promise<Item[]> {
  // The deployment is the oracle's: its Ansible versions too.
  const ws = new ZuulWorkspace([world.root], { tenantConfig: world.tenantFile, tenantName: world.tenantName, ansibleVersions: oracleAnsibleVersions() });
  await ws.load();
  const out: Item[] = [];
  for (const [abs, list] of ws.allFindings()) {
    const file = abs === world.tenantFile ? '(tenant)' : abs.slice(world.root.length + 1).split('\\').join('/');
    for (const f of list) {
      if (f.severity !== 'error' && f.severity !== 'warning') continue;
      const stanza = file === '(tenant)' ? '(file)' : stanzas.at(file, f.range.start.line);
      // A rule whose finding says Zuul sees it only when freezing (unknown-secret on a pass-to-parent secret) is counted as such.
      const cls = f.data?.when === 'freeze' ? `${f.rule} (at freeze)` : f.rule;
      out.push({ side: 'ours', severity: f.severity, file, stanza, cls, text: f.message });
    }
  }
  return out;
}

export type Outcome = 'error' | 'warning' | 'missed';

/** How we answer one Zuul error: an error of ours in its stanza, only a warning, or nothing. */
export function outcomeOf(z: Item, ours: Item[]): Outcome {
  const near = z.cls === 'freeze' ? ours.filter((o) => o.text.includes(z.stanza) && (!z.text.includes('depends on') || /depend/.test(o.cls + o.text))) : z.file === '(tenant)' ? ours.filter((o) => quotes(o, z)) : ours.filter((o) => place(o) === place(z));
  if (near.some((o) => o.severity === 'error')) return 'error';
  return near.length ? 'warning' : 'missed';
}

/** Whether one error of ours is one Zuul gives: an error (or warning) of Zuul's in its stanza, or a freeze error naming a job it names. */
export function confirmed(o: Item, zuul: Item[]): boolean {
  return zuul.some((z) => (z.cls === 'freeze' ? o.text.includes(z.stanza) : z.file === '(tenant)' ? quotes(o, z) : place(z) === place(o)));
}

/** Some errors of Zuul's name no file ("Nodeset X already defined in project P"): ours must quote their words. */
function quotes(o: Item, z: Item): boolean {
  const core = z.text.split(/ in project | \(/)[0].trim();
  return core.length > 10 && o.text.includes(core);
}
