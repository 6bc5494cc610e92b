// Every attribute of every mapping Zuul's schema knows has a doc (so a new
// attribute without one fails here), and the hover on a key renders it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ITEM_SCHEMAS } from '../../server/src/zuul/schemaTables';
import type { ObjSpec, Ty } from '../../server/src/zuul/schemaTypes';
import { attributeDoc, typeText } from '../../server/src/features/attributeDocs';
import { attributeHoverAt } from '../../server/src/features/hoverAttribute';
import { ZuulWorkspace } from '../../server/src/engine/workspace';
import { ZUUL_DOCS } from '../../server/src/zuul/rules';
import { remove, tree } from '../helpers/tmp';

function reachableSpecs(): ObjSpec[] {
  const seen = new Set<Ty>();
  const out: ObjSpec[] = [];
  const walk = (ty: Ty | undefined) => {
    if (!ty || seen.has(ty)) return;
    seen.add(ty);
    switch (ty.k) {
      case 'obj':
        out.push(ty);
        for (const f of Object.values(ty.fields)) walk(f);
        walk(ty.extra);
        return;
      case 'list':
      case 'one':
      case 'tag':
      case 'mapOf':
        return walk(ty.of);
      case 'union':
        return ty.of.forEach(walk);
    }
  };
  for (const ty of Object.values(ITEM_SCHEMAS)) walk(ty);
  return out;
}

test('every attribute of every mapping reachable from the item schemas has a doc with text and a link', () => {
  const specs = reachableSpecs();
  assert.ok(specs.length >= 25, `found ${specs.length} mappings`);
  const missing: string[] = [];
  for (const spec of specs) {
    for (const key of Object.keys(spec.fields)) {
      const d = attributeDoc(spec, key);
      if (!d || !d.text.trim() || !d.url.startsWith(`${ZUUL_DOCS}/config/`)) missing.push(`${spec.what}: ${key}`);
    }
  }
  assert.deepEqual(missing, []);
});

test('types read as a user would say them', () => {
  const job = ITEM_SCHEMAS.job as ObjSpec;
  assert.equal(typeText(job.fields.timeout, false), 'integer');
  assert.equal(typeText(job.fields.voting, true), '`true`/`false`');
  assert.equal(typeText(job.fields['workspace-scheme'], true), '`golang` | `flat` | `unique`');
  assert.equal(typeText(job.fields.tags, false), 'string, or list of strings');
  assert.equal(typeText((ITEM_SCHEMAS.project as ObjSpec).fields.templates, false), 'list of strings');
});

test('hover on an attribute key: text, type, default and link; plain text without markup', async () => {
  const root = tree({ 'r/zuul.d/jobs.yaml': '- job:\n    name: a\n    attempts: 5\n    nodeset:\n      nodes:\n        - name: x\n          label: y\n' });
  try {
    const ws = new ZuulWorkspace([root]);
    await ws.load();
    const file = join(root, 'r', 'zuul.d', 'jobs.yaml');
    const md = attributeHoverAt(ws, file, { line: 2, character: 6 }, true);
    assert.ok(md);
    assert.match(md.contents, /\*\*attempts\*\*: integer/);
    assert.match(md.contents, /Default: `3`/);
    assert.match(md.contents, /\[Zuul documentation\]\(https:\/\/zuul-ci\.org\/docs\/zuul\/latest\/config\/job\.html#attr-job\.attempts\)/);
    assert.deepEqual(md.range, { start: { line: 2, character: 4 }, end: { line: 2, character: 12 } });
    const text = attributeHoverAt(ws, file, { line: 2, character: 6 }, false);
    assert.ok(text);
    assert.doesNotMatch(text.contents, /[`*]/);
    const label = attributeHoverAt(ws, file, { line: 6, character: 12 }, true);
    assert.match(label?.contents ?? '', /nodeset\.html#attr-nodeset\.nodes\.label/);
    assert.equal(attributeHoverAt(ws, file, { line: 2, character: 15 }, true), undefined, 'not on a value');
  } finally {
    remove(root);
  }
});
