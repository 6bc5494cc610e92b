// What the .vsix ships. `vsce ls` lists exactly the files `npm run package`
// would put in the package (no build needed); when zuul-authoring.vsix exists
// (after `npm run package`, as in `npm run test:e2e`), its zip entries are read
// as well. Both must be exactly the bundles, grammar, language configuration,
// icon, README, CHANGELOG, LICENSE and manifest: no sources, tests, source maps,
// node_modules or documentation images.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The folder of our package.json, from test/unit (sources) or out/test/unit (compiled). */
function projectRoot(): string {
  for (let dir = __dirname; dirname(dir) !== dir; dir = dirname(dir)) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'zuul-authoring') return dir;
  }
  throw new Error(`no zuul-authoring package.json above ${__dirname}`);
}

const root = projectRoot();
const VSIX = join(root, 'zuul-authoring.vsix');

/** Files of the extension, as `vsce ls` names them (paths relative to the project root). */
const SHIPPED = [
  'package.json',
  'README.md',
  'CHANGELOG.md',
  'LICENSE',
  'dist/client.js',
  'dist/server.js',
  'dist/cli.js',
  'dist/webview.js',
  'images/icon.png',
  'syntaxes/zuul.tmLanguage.json',
  'language-configuration.json',
];

/** The same files inside the .vsix: under extension/, README, CHANGELOG and LICENSE renamed by vsce. */
const RENAMED: Record<string, string> = { 'README.md': 'readme.md', 'CHANGELOG.md': 'changelog.md', LICENSE: 'LICENSE.txt' };
const VSIX_ENTRIES = [
  ...SHIPPED.map((f) => `extension/${RENAMED[f] ?? f}`),
  // The package's own metadata.
  '[Content_Types].xml',
  'extension.vsixmanifest',
];

/** Missing and unexpected names, for one readable assertion message. */
function compare(actual: string[], expected: string[]): string[] {
  const a = new Set(actual);
  const e = new Set(expected);
  return [
    ...[...e].filter((x) => !a.has(x)).map((x) => `missing: ${x}`),
    ...[...a].filter((x) => !e.has(x)).map((x) => `unexpected: ${x}`),
  ];
}

/**
 * The names in a zip file's central directory. Only the end-of-central-directory
 * record and the central directory headers are read; nothing is decompressed.
 */
function zipEntryNames(zip: Buffer): string[] {
  const EOCD = 0x06054b50;
  const CEN = 0x02014b50;
  // The end record is 22 bytes plus a comment of at most 65535 bytes, at the very end.
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('not a zip file: no end-of-central-directory record');
  const count = zip.readUInt16LE(eocd + 10);
  const size = zip.readUInt32LE(eocd + 12);
  const offset = zip.readUInt32LE(eocd + 16);
  if (count === 0xffff || offset === 0xffffffff) throw new Error('zip64 archives are not supported');
  if (offset + size > eocd) throw new Error('central directory lies outside the file');
  const names: string[] = [];
  let p = offset;
  for (let n = 0; n < count; n++) {
    if (zip.readUInt32LE(p) !== CEN) throw new Error(`bad central directory header #${n} at offset ${p}`);
    const flags = zip.readUInt16LE(p + 8);
    const nameLength = zip.readUInt16LE(p + 28);
    const extraLength = zip.readUInt16LE(p + 30);
    const commentLength = zip.readUInt16LE(p + 32);
    const raw = zip.subarray(p + 46, p + 46 + nameLength);
    // Bit 11: the name is UTF-8; otherwise CP437, which for our ASCII names is the same.
    names.push(raw.toString(flags & 0x800 ? 'utf8' : 'latin1'));
    p += 46 + nameLength + extraLength + commentLength;
  }
  if (p !== offset + size) throw new Error('central directory size does not match its entries');
  return names;
}

/** Local images the README shows (`![alt](path)`), e.g. docs/images/diagnostic.png. */
function readmeImages(): string[] {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  return [...readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)[^)]*\)/g)].map((m) => m[1]).filter((p) => !/^[a-z]+:/i.test(p));
}

test('vsce ls lists exactly the files the extension ships', () => {
  const vsce = join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
  const r = spawnSync(process.execPath, [vsce, 'ls', '--no-dependencies'], { cwd: root, encoding: 'utf8' });
  assert.equal(r.status, 0, `vsce ls failed: ${r.stderr}`);
  const files = r.stdout.split('\n').map((l) => l.trim()).filter(Boolean);
  assert.deepEqual(compare(files, SHIPPED), [], `vsce ls:\n${files.join('\n')}`);
});

test('no image the README shows is packaged', () => {
  const images = readmeImages();
  const shipped = new Set(SHIPPED);
  for (const image of images) assert.ok(!shipped.has(image.replace(/^\.\//, '')), `${image} would be packaged`);
});

test('the zip reader reads a central directory', () => {
  // Two stored, empty entries written by hand: local headers, central directory, end record.
  const names = ['a.txt', 'dir/b.json'];
  const local: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const name of names) {
    const n = Buffer.from(name);
    const lh = Buffer.alloc(30);
    lh.writeUInt32LE(0x04034b50, 0);
    lh.writeUInt16LE(n.length, 26);
    const ch = Buffer.alloc(46);
    ch.writeUInt32LE(0x02014b50, 0);
    ch.writeUInt16LE(n.length, 28);
    ch.writeUInt32LE(offset, 42);
    local.push(lh, n);
    central.push(ch, n);
    offset += lh.length + n.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(names.length, 8);
  end.writeUInt16LE(names.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  assert.deepEqual(zipEntryNames(Buffer.concat([...local, cd, end])), names);
  assert.throws(() => zipEntryNames(Buffer.alloc(64)), /not a zip file/);
});

test('zuul-authoring.vsix holds exactly the files the extension ships', (t) => {
  if (!existsSync(VSIX)) {
    t.skip('zuul-authoring.vsix does not exist; `npm run package` builds it (npm run test:e2e does)');
    return;
  }
  const entries = zipEntryNames(readFileSync(VSIX));
  assert.deepEqual(compare(entries, VSIX_ENTRIES), [], `zuul-authoring.vsix:\n${entries.join('\n')}`);
  for (const e of entries) assert.doesNotMatch(e, /\.(map|ts)$|node_modules|(^|\/)(src|test|out|docs)\//, e);
});
