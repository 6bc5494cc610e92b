// The extension manifest (package.json) and .vscodeignore: the `zuul`
// language claims exactly Zuul's configuration files, every setting is
// documented, and the .vsix ships bundles but no sources or source maps.
import { test } from 'node:test';
import assert from 'node:assert/strict';
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

interface Language {
  id: string;
  aliases?: string[];
  extensions?: string[];
  filenames?: string[];
  filenamePatterns?: string[];
  configuration?: string;
}
interface SettingSchema {
  description?: string;
  markdownDescription?: string;
  type?: string | string[];
  anyOf?: unknown[];
  enum?: unknown[];
  default?: unknown;
}
interface Manifest {
  main: string;
  icon?: string;
  categories?: string[];
  activationEvents?: string[];
  contributes: {
    languages: Language[];
    grammars: { language: string; scopeName: string; path: string }[];
    commands: { command: string; title: string; category?: string }[];
    configuration: { title?: string; properties: Record<string, SettingSchema> };
    configurationDefaults?: Record<string, Record<string, unknown>>;
  };
}

const root = projectRoot();
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Manifest;

/**
 * Glob -> RegExp for the subset used here: `**` (any number of path segments),
 * `*` (anything but `/`, dot files included), `?`, `{a,b}`. Whole-string match.
 */
function globToRegExp(glob: string): RegExp {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      const atStart = i === 0 || glob[i - 1] === '/';
      const atEnd = i + 2 === glob.length || glob[i + 2] === '/';
      if (atStart && glob[i + 2] === '/') {
        out += '(?:[^/]*/)*'; // `**/`: zero or more whole segments
        i += 2;
      } else if (atStart && atEnd) {
        out += '.*';
        i += 1;
      } else {
        out += '[^/]*';
        i += 1;
      }
    } else if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else if (c === '{') {
      const close = glob.indexOf('}', i);
      const alts = glob.slice(i + 1, close).split(',');
      out += `(?:${alts.map((a) => globToRegExp(a).source.slice(1, -1)).join('|')})`;
      i = close;
    } else out += c.replace(/[.+^$()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${out}$`);
}

const basename = (p: string) => p.slice(p.lastIndexOf('/') + 1);

/** VS Code's association: file names on the base name; patterns with a `/` on the whole path, others on the base name. */
function isZuulLanguage(path: string): boolean {
  const lang = pkg.contributes.languages.find((l) => l.id === 'zuul');
  assert.ok(lang);
  if (lang.filenames?.includes(basename(path))) return true;
  if (lang.extensions?.some((e) => path.endsWith(e))) return true;
  return (lang.filenamePatterns ?? []).some((p) => globToRegExp(p).test(p.includes('/') ? path : basename(path)));
}

test('the glob helper knows ** and *', () => {
  assert.ok(globToRegExp('**/zuul.d/**/*.yaml').test('/home/u/repo/zuul.d/jobs.yaml'));
  assert.ok(globToRegExp('**/zuul.d/**/*.yaml').test('zuul.d/a/b.yaml'));
  assert.ok(!globToRegExp('**/zuul.d/**/*.yaml').test('/r/zuul.d.bak/x.yaml'));
  assert.ok(globToRegExp('dist/*.js').test('dist/server.js'));
  assert.ok(!globToRegExp('dist/*.js').test('dist/server.js.map'));
  assert.ok(!globToRegExp('dist/*.js').test('dist/sub/server.js'));
  assert.ok(globToRegExp('**').test('.ci/run'));
  assert.ok(globToRegExp('**/{a,.b}.yaml').test('x/.b.yaml'));
});

test('the zuul language claims the four config roots and nothing else', () => {
  const lang = pkg.contributes.languages.find((l) => l.id === 'zuul');
  assert.ok(lang, 'a language with id zuul');
  assert.ok(lang.aliases?.includes('Zuul'));
  assert.ok(lang.configuration && existsSync(join(root, lang.configuration)), 'language-configuration.json exists');
  assert.equal(lang.extensions, undefined, 'no extension claim: *.yaml belongs to YAML');
  for (const yes of [
    '/home/u/system-config/zuul.yaml',
    '/home/u/system-config/.zuul.yaml',
    '/home/u/system-config/zuul.d/jobs.yaml',
    '/home/u/system-config/zuul.d/infra-prod/service.yaml',
    '/home/u/base-jobs/.zuul.d/pipelines.yaml',
    '/w/zuul.d/00-base.yaml',
  ]) {
    assert.ok(isZuulLanguage(yes), yes);
  }
  for (const no of [
    '/home/u/repo/foo.yaml',
    '/home/u/repo/.github/workflows/x.yaml',
    '/home/u/repo/playbooks/zuul.d.yaml',
    '/home/u/repo/notzuul.d/jobs.yaml',
    '/home/u/repo/zuul.yaml.orig',
    '/home/u/repo/zuul.d/jobs.yml',
    '/home/u/repo/zuul.d/README.md',
    '/home/u/repo/.zuul-authoring.yaml',
  ]) {
    assert.ok(!isZuulLanguage(no), no);
  }
});

test('the grammar and the language configuration are contributed', () => {
  const g = pkg.contributes.grammars.find((x) => x.language === 'zuul');
  assert.ok(g);
  assert.equal(g.scopeName, 'source.zuul');
  assert.ok(existsSync(join(root, g.path)));
  assert.deepEqual(pkg.contributes.configurationDefaults?.['[zuul]'], { 'editor.insertSpaces': true, 'editor.tabSize': 2 });
});

test('every setting has a description and a schema', () => {
  const props = pkg.contributes.configuration.properties;
  const expected = ['rules', 'extraConfigPaths', 'externalNames', 'bootstrapJobs', 'parentRules', 'playbookVariables', 'configProjects', 'trace.server'];
  for (const key of expected) assert.ok(props[`zuul.${key}`], `zuul.${key} is contributed`);
  for (const [key, schema] of Object.entries(props)) {
    assert.ok(key.startsWith('zuul.'), `${key} is under zuul.`);
    assert.equal(typeof schema.description, 'string', `${key} has a description`);
    assert.ok((schema.description ?? '').length > 20, `${key}: the description says something`);
    assert.ok(schema.type !== undefined || schema.anyOf !== undefined, `${key} has a type`);
    assert.ok('default' in schema, `${key} has a default`);
  }
  assert.deepEqual(props['zuul.trace.server'].enum, ['off', 'messages', 'verbose']);
  assert.equal(props['zuul.trace.server'].default, 'off');
  // The old name keeps working and says so where the settings UI shows it.
  const old = props['zuul.externalJobs'] as { deprecationMessage?: string; markdownDeprecationMessage?: string };
  assert.match(old.deprecationMessage ?? '', /zuul\.externalNames/);
  assert.match(old.markdownDeprecationMessage ?? '', /zuul\.externalNames/);
});

test('activation events, entry point and commands', () => {
  assert.equal(pkg.main, './dist/client.js');
  const events = pkg.activationEvents ?? [];
  for (const e of [
    'onLanguage:zuul',
    'workspaceContains:**/zuul.yaml',
    'workspaceContains:**/.zuul.yaml',
    'workspaceContains:**/zuul.d/*.yaml',
    'workspaceContains:**/.zuul.d/*.yaml',
    'workspaceContains:**/.zuul-authoring.yaml',
  ]) {
    assert.ok(events.includes(e), e);
  }
  const commands = new Map(pkg.contributes.commands.map((c) => [c.command, c]));
  for (const [id, title] of [
    ['zuul.restartServer', 'Zuul: Restart Language Server'],
    ['zuul.showOutput', 'Zuul: Show Output'],
  ]) {
    const c = commands.get(id);
    assert.ok(c, id);
    assert.equal(c.category ? `${c.category}: ${c.title}` : c.title, title);
  }
  assert.ok(pkg.categories?.includes('Linters') && pkg.categories.includes('Programming Languages'));
  assert.ok(pkg.icon && existsSync(join(root, pkg.icon)), 'the icon exists');
  const png = readFileSync(join(root, pkg.icon));
  assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
  assert.equal(png.readUInt32BE(16), 128, 'icon width');
  assert.equal(png.readUInt32BE(20), 128, 'icon height');
});

/** vsce's rule: a file is packaged if no ignore line matches it, or any `!` line does (order does not matter). */
function packaged(ignoreText: string, file: string): boolean {
  const lines = ignoreText
    .split(/[\n\r]/)
    .map((s) => s.trim())
    .filter((s) => s && !s.startsWith('#'));
  // vsce also treats a pattern without `*` in its last segment as a folder.
  const all = [...lines, ...lines.filter((l) => !/(^|\/)[^/]*\*[^/]*$/.test(l)).map((l) => (l.endsWith('/') ? `${l}**` : `${l}/**`))];
  const ignore = all.filter((l) => !l.startsWith('!'));
  const negate = [...all.filter((l) => l.startsWith('!')).map((l) => l.slice(1)), 'package.json', 'README.md'];
  return !ignore.some((g) => globToRegExp(g).test(file)) || negate.some((g) => globToRegExp(g).test(file));
}

test('.vscodeignore ships bundles and assets, never sources or maps', () => {
  const text = readFileSync(join(root, '.vscodeignore'), 'utf8');
  const lines = text.split('\n').map((l) => l.trim());
  assert.ok(lines.includes('**/*.map'), '.vscodeignore names **/*.map');
  assert.ok(lines.some((l) => l === 'server/src/**' || l === 'server/src' || l === 'server/**'), '.vscodeignore names server/src');
  for (const file of [
    'dist/client.js',
    'dist/server.js',
    'syntaxes/zuul.tmLanguage.json',
    'language-configuration.json',
    'images/icon.png',
    'README.md',
    'CHANGELOG.md',
    'LICENSE',
    'package.json',
  ]) {
    assert.ok(packaged(text, file), `${file} is packaged`);
  }
  for (const file of [
    'dist/client.js.map',
    'dist/server.js.map',
    'server/src/server.ts',
    'server/src/zuul/parse.ts',
    'client/src/extension.ts',
    'test/unit/grammar.test.ts',
    'test/fixtures/cli/clean/zuul.d/jobs.yaml',
    'out/test/unit/grammar.test.js',
    'node_modules/yaml/dist/index.js',
    'scripts/build.mjs',
    'examples/zuul.d/jobs.yaml',
    'bench/run.ts',
    '.ci/run',
    'tsconfig.json',
    'tsconfig.base.json',
    'eslint.config.mjs',
    'package-lock.json',
    '.gitignore',
    'zuul-authoring.vsix',
  ]) {
    assert.ok(!packaged(text, file), `${file} is not packaged`);
  }
});
