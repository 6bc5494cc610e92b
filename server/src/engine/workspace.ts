// The engine: every repo of the workspace, parsed and checked, kept current
// from editor buffers and file-system events. The server, the CLI and the
// tests all drive this one class.
import { existsSync, lstatSync } from 'node:fs';
import { readTextFile, type ReadResult } from '../zuul/readFile';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { discoveryFindings, findRepoRoots, isConfigCandidate, isPlainDir, listRepoFiles, repoRelative, selectConfig, type Repo } from '../zuul/discover';
import { parseFile, type ParsedFile } from '../zuul/parse';
import { reparseFile } from '../zuul/reparse';
import { validateItem } from '../zuul/schema';
import { ZuulIndex } from '../zuul/index';
import { mergeSettings, readSettingsFile, SETTINGS_FILE, type Settings } from '../zuul/settings';
import type { Finding, RuleSetting } from '../zuul/types';
import { CHECKS } from '../checks/registry';
import { sameSummary } from '../zuul/summary';
import { diffTexts, shiftFindings, type TextChange } from '../zuul/shift';
import { jobKeyChanges } from '../zuul/changes';
import { ALL_RULES } from './allRules';
import { suppressed } from '../zuul/suppress';
import { TENANT_FILE_IN_REPO, tenantFileCandidates, tenantState, type TenantState } from '../zuul/tenantSource';
import { loadRank, type TenantView } from '../zuul/tenantView';
import type { ItemKind } from '../zuul/parse';
import { pushAll } from '../zuul/arrays';
import { findingFor, type Surface } from './settingWhere';

export const MAX_FILE_BYTES = 16 * 1024 * 1024;
export const MAX_SETTINGS_BYTES = 1024 * 1024;

export type FileEventKind = 'created' | 'changed' | 'deleted';

export type Progress = (done: number, total: number, message: string) => void;

interface FileState {
  repo: Repo;
  text: string;
  /** Why the file was not read (see readFile.ts); its text is then empty. */
  problem?: string;
  parsed: ParsedFile;
  /** Schema findings; empty for files Zuul ignores. */
  schema: Finding[];
  /** The same findings by the item's body, for a re-parse to keep those of items it did not touch. */
  schemaOf: Map<object, Finding[]>;
  active: boolean;
  /** The item classes the tenant loads from its repo when it was validated. */
  loads: string;
  /** The text change from the previous version, when a re-parse found it: it need not be found again. */
  change?: TextChange;
}

interface SettingsState {
  path: string;
  /** The file's text, when it was read. */
  text?: string;
  settings: Partial<Settings>;
  findings: Finding[];
}

export interface WorkspaceStats {
  repos: number;
  files: number;
  jobs: number;
  errors: number;
  warnings: number;
  infos: number;
}

const toPosix = (p: string) => (sep === '/' ? p : p.split(sep).join('/'));

export class ZuulWorkspace {
  repos: Repo[] = [];
  index = new ZuulIndex([]);
  settings: Settings = mergeSettings();
  /**
   * How the last update was handled: every workspace-wide rule ran again,
   * only those reading a job attribute the edit changed ('partial'), or none
   * and their findings were only moved.
   */
  lastUpdate: 'full' | 'partial' | 'moved' = 'full';
  private readonly files = new Map<string, FileState>();
  private readonly overlays = new Map<string, string>();
  private readonly repoSettings = new Map<string, SettingsState>();
  private cross = new Map<string, Finding[]>();
  /** Each rule's findings of the last check, for an edit to keep those of the rules it cannot change. */
  private byCheck = new Map<string, Finding[]>();
  private readonly extraFindings = new Map<string, Finding[]>();
  private tenantRead?: TenantState;
  private repoIndex?: { repos: Repo[]; byRoot: Map<string, Repo> };
  /** Severity counts per file for stats(), and the files whose findings may have changed since they were counted ('all' after a load). */
  private readonly counts = new Map<string, [number, number, number]>();
  private uncounted: Set<string> | 'all' = 'all';
  /** The sums of `counts`, whose keys are the tracked files. */
  private totals: [number, number, number] = [0, 0, 0];
  /** listedFiles(), dropped wherever what it lists from changes: the repos, their file lists, settings files, the tenant file. */
  private listed?: Set<string>;
  /** findings() per file since the last update: the publisher and stats() both ask for the edited file's, which can hold thousands. */
  private readonly findingsMemo = new Map<string, Finding[]>();

  /** `surface`: who reads the messages, which decides how they name settings (settingWhere.ts). */
  constructor(
    private folders: string[],
    private editorSettings: Partial<Settings> = {},
    readonly surface: Surface = 'editor',
  ) {}

  /** Discovers, parses and checks everything. Yields to the event loop so a server stays responsive. */
  async load(progress?: Progress): Promise<void> {
    this.uncounted = 'all';
    this.findingsMemo.clear();
    this.files.clear();
    this.repoSettings.clear();
    this.listed = undefined;
    const roots = [...new Set(this.folders.flatMap((f) => findRepoRoots(f)))];
    const bare = roots.map((root) => ({ root, name: this.repoName(root), files: listRepoFiles(root) }));
    for (const r of bare) if (r.files.has(SETTINGS_FILE)) this.readRepoSettings(r.root);
    this.settings = this.computeSettings();
    this.readTenant(bare);
    const empty = this.emptyProjectFolders(bare.map((r) => r.root));
    if (empty.length) {
      for (const root of empty) bare.push({ root, name: this.repoName(root), files: listRepoFiles(root) });
      this.readTenant(bare);
    }
    this.settings = this.computeSettings();
    this.repos = this.inLoadOrder(bare.map((r) => selectConfig({ ...r, extraConfigPaths: this.extraPathsFor(r.name, r.root) })));
    this.listed = undefined;
    const all = this.repos.flatMap((repo) => [...repo.configFiles, ...repo.shadowedFiles].map((f) => ({ repo, f })));
    let last = Date.now();
    for (let i = 0; i < all.length; i++) {
      const { repo, f } = all[i];
      this.parseInto(repo, f, repo.configFiles.includes(f));
      if (Date.now() - last > 15) {
        progress?.(i + 1, all.length, basename(f));
        await new Promise((r) => setImmediate(r));
        last = Date.now();
      }
    }
    progress?.(all.length, all.length, 'checking');
    this.reindex();
  }

  /** Folder name for a repo; nested repos keep their path below the workspace folder. */
  private repoName(root: string): string {
    for (const f of this.folders) {
      if (root === f) return basename(root);
      if (root.startsWith(f + sep)) {
        const rel = toPosix(relative(f, root));
        return rel.includes('/') ? rel : basename(root);
      }
    }
    return basename(root);
  }

  private extraPathsFor(name: string, root: string): string[] {
    const project = this.tenant?.projectOf.get(root);
    if (project) return project.extraConfigPaths;
    const own = this.repoSettings.get(root)?.settings.extraConfigPaths;
    const fromFile = own ? [...(own['*'] ?? []), ...(own[name] ?? [])] : [];
    const editor = this.editorSettings.extraConfigPaths;
    const fromEditor = editor ? [...(editor['*'] ?? []), ...(editor[name] ?? [])] : [];
    return [...new Set([...(fromEditor.length ? fromEditor : fromFile)])];
  }

  private readRepoSettings(root: string): void {
    this.listed = undefined;
    const path = join(root, SETTINGS_FILE);
    const overlay = this.overlays.get(path);
    const read: ReadResult = overlay !== undefined ? { text: overlay } : readTextFile(path, { maxBytes: MAX_SETTINGS_BYTES });
    if ('problem' in read) {
      if (read.problem === 'missing') this.repoSettings.delete(root);
      else this.repoSettings.set(root, { path, settings: {}, findings: [notReadFinding(path, read, 'settings')] });
      return;
    }
    const { settings, findings } = readSettingsFile(path, read.text);
    this.repoSettings.set(root, { path, text: read.text, settings, findings });
  }

  private computeSettings(): Settings {
    const s = mergeSettings([...[...this.repoSettings.values()].map((x) => x.settings), this.editorSettings]);
    // The tenant says which projects are trusted; the setting is only the default without one.
    const view = this.tenant;
    if (view) s.configProjects = [...view.projectOf].filter(([, p]) => p.trusted).map(([root]) => this.repos.find((r) => r.root === root)?.name ?? root);
    return s;
  }

  /** The tenant the workspace is checked against, when a tenant file was found and names one. */
  get tenant(): TenantView | undefined {
    return this.tenantRead?.view;
  }

  /** The tenant file read, if any. */
  tenantFile(): string | undefined {
    return this.tenantRead?.path;
  }

  /**
   * Reads the tenant file the settings name, else the first config project's
   * zuul/main.yaml that defines a tenant; returns whether what the tenant says
   * about the repos (trust, load order, classes, paths) changed.
   */
  private readTenant(repos: readonly { name: string; root: string; files: ReadonlySet<string> }[]): boolean {
    const before = tenantKey(this.tenantRead);
    this.tenantRead = undefined;
    this.listed = undefined;
    // A relative tenantConfig from the editor is relative to the first workspace folder (a repo's own file has resolved its own).
    const named = this.settings.tenantConfig;
    const settings = named && !isAbsolute(named) && this.folders[0] ? { ...this.settings, tenantConfig: resolve(this.folders[0], named) } : this.settings;
    const candidates = tenantFileCandidates(settings, repos);
    for (const path of candidates) {
      const read = this.readDataFile(path, MAX_SETTINGS_BYTES);
      if ('problem' in read) {
        if (this.settings.tenantConfig) this.tenantRead = { path, file: { path, tenants: [], findings: [] }, findings: [notReadFinding(path, read, 'tenant')] };
        continue;
      }
      const state = tenantState(path, read.text, this.settings, repos);
      if (state.file.tenants.length || this.settings.tenantConfig || state.findings.length) {
        this.tenantRead = state;
        break;
      }
    }
    return tenantKey(this.tenantRead) !== before;
  }

  private readDataFile(path: string, maxBytes: number): ReadResult {
    const overlay = this.overlays.get(path);
    return overlay !== undefined ? { text: overlay } : readTextFile(path, { maxBytes });
  }

  /**
   * Folders named after tenant projects that no repo was found for because
   * they hold no Zuul configuration: an empty project is still open, and
   * the closed world needs every project open. Never a folder inside a repo.
   */
  private emptyProjectFolders(roots: string[]): string[] {
    const view = this.tenant;
    if (!view?.missing.length) return [];
    const inRepo = (dir: string) => roots.some((r) => dir === r || dir.startsWith(r + sep));
    const out: string[] = [];
    for (const p of view.missing) {
      const names = [this.settings.tenantProjects[p.name], p.name, p.name.split('/').pop()!].filter((n): n is string => !!n);
      const found = this.folders.flatMap((f) => names.map((n) => join(f, n))).find((d) => !inRepo(d) && !out.includes(d) && isPlainDir(d));
      if (found) out.push(found);
    }
    return out;
  }

  /** Reads the tenant again; when what it says about the repos changed, takes the new trust and order (the caller re-selects). */
  private retenant(): boolean {
    if (!this.readTenant(this.repos)) return false;
    this.settings = this.computeSettings();
    this.repos = this.inLoadOrder(this.repos);
    this.listed = undefined;
    return true;
  }

  /** Zuul's order: the tenant's projects as it lists them, then the repos it does not list. */
  private inLoadOrder(repos: Repo[]): Repo[] {
    const view = this.tenant;
    if (!view) return repos;
    return repos.map((r, i) => ({ r, i, rank: loadRank(view, r.root) })).sort((a, b) => a.rank - b.rank || a.i - b.i).map((x) => x.r);
  }

  /** Whether the tenant loads items of `kind` from `repo` (include/exclude). */
  private loads(repo: Repo, kind: ItemKind | string): boolean {
    const p = this.tenant?.projectOf.get(repo.root);
    return !p || p.include.has(kind);
  }

  /** What a file's schema findings depend on besides its text: the classes the tenant loads from it, and the Ansible versions. */
  private loadsKey(repo: Repo): string {
    const p = this.tenant?.projectOf.get(repo.root);
    return `${p ? [...p.include].sort().join(',') : '*'}|${this.settings.ansibleVersions?.join(',') ?? ''}`;
  }

  /**
   * A config file's text as Zuul would see it. A symbolic link is not
   * followed, in the editor either: Zuul reads the repository's git tree,
   * where a link is only the text of its target.
   */
  private read(path: string): ReadResult {
    const o = this.overlays.get(path);
    if (o !== undefined && !isSymlink(path)) return { text: o };
    return readTextFile(path, { maxBytes: MAX_FILE_BYTES, followSymlinks: false });
  }

  private parseInto(repo: Repo, path: string, active: boolean): void {
    const read = this.read(path);
    if ('problem' in read && read.problem === 'missing') {
      this.files.delete(path);
      return;
    }
    const text = 'text' in read ? read.text : '';
    const problem = 'problem' in read ? `${read.problem}:${read.detail}` : undefined;
    const prev = this.files.get(path);
    const loads = this.loadsKey(repo);
    if (prev && prev.text === text && prev.problem === problem && prev.active === active && prev.loads === loads) {
      prev.repo = repo;
      return;
    }
    // An edit of an open file: compose again only the items it touched, and keep the others' schema findings.
    const same = prev && !prev.problem && !problem && prev.active === active && prev.loads === loads;
    const re = same ? reparseFile(prev.parsed, text) : undefined;
    const parsed = re?.parsed ?? parseFile(path, text);
    if ('problem' in read && (active || read.problem !== 'symlink')) parsed.findings.push(notReadFinding(path, read, 'config'));
    const schema: Finding[] = [];
    const schemaOf = new Map<object, Finding[]>();
    // After a syntax error the recovered document is a guess; schema findings on it are noise.
    const broken = parsed.findings.some((f) => f.rule === 'yaml-syntax');
    if (active && !broken) {
      for (const item of parsed.items) {
        // Zuul does not read the classes the tenant excludes for this project.
        if (item.kind !== 'pragma' && !this.loads(repo, item.kind)) continue;
        let found = re && prev ? prev.schemaOf.get(item.body) : undefined;
        if (re && found?.length) found = shiftFindings(found, path, re.change);
        if (!found) {
          try {
            found = validateItem(parsed, item, { ansibleVersions: this.settings.ansibleVersions });
          } catch (e) {
            found = [internalError(path, e)];
          }
        }
        schemaOf.set(item.body, found);
        pushAll(schema, found);
      }
    }
    this.files.set(path, { repo, text, problem, parsed, schema, schemaOf, active, loads, change: re?.change });
  }

  /** Rebuilds the index; after an edit of values only (`edit`: the file before and after), from the previous one. */
  private buildIndex(edit?: { before: ParsedFile; after: ParsedFile }): void {
    if (edit) {
      this.index = this.index.withFile(edit.before, edit.after);
      return;
    }
    const active = this.repos.flatMap((repo) => repo.configFiles.map((f) => this.files.get(f)).filter((s): s is FileState => !!s));
    this.index = new ZuulIndex(
      active.map((s) => ({ repo: s.repo, file: s.parsed })),
      this.tenant ? (repo, kind) => this.loads(repo, kind) : undefined,
      this.tenant?.tenant.defaultParent,
    );
  }

  /**
   * After an edit that changed no value the rules can see (a description, a
   * comment, a blank line), the workspace-wide findings stay the same, only
   * moved: shift them instead of running every rule again.
   */
  private shiftInstead(path: string, before: FileState, after: FileState): Set<string> | undefined {
    if (!after.active || !before.active || !sameSummary(before.parsed, after.parsed)) return undefined;
    const change = changeBetween(before, after);
    const all = [...this.cross.values()].flat();
    const moved = shiftFindings(all, path, change);
    if (!moved) return undefined;
    const next = new Map<string, Finding[]>();
    const changed = new Set<string>([path]);
    moved.forEach((f, i) => {
      const list = next.get(f.file);
      if (list) list.push(f);
      else next.set(f.file, [f]);
      if (f !== all[i]) changed.add(f.file);
    });
    this.cross = next;
    const movedOf = new Map(all.map((f, i) => [f, moved[i]]));
    for (const [id, list] of this.byCheck) this.byCheck.set(id, list.map((f) => movedOf.get(f) ?? f));
    this.buildIndex({ before: before.parsed, after: after.parsed });
    this.lastUpdate = 'moved';
    return changed;
  }

  /**
   * Rebuilds the index and runs the workspace-wide rules; returns files whose
   * cross-file findings changed. With `kept`, an edit of one file that changed
   * only the job attributes `keys`: a rule that reads none of them keeps its
   * findings, moved through the text change.
   */
  private reindex(kept?: { path: string; keys: ReadonlySet<string>; change: TextChange; before: ParsedFile; after: ParsedFile }): Set<string> {
    this.buildIndex(kept);
    this.lastUpdate = kept ? 'partial' : 'full';
    const next = new Map<string, Finding[]>();
    const byCheck = new Map<string, Finding[]>();
    const earlier: Finding[] = [];
    for (const st of this.files.values()) if (st.active) pushAll(pushAll(earlier, st.parsed.findings), st.schema);
    const ctx = { index: this.index, repos: this.repos, settings: this.settings, tenant: this.tenant, earlier, settingsFiles: this.settingsFiles() };
    for (const check of CHECKS) {
      if (this.settings.rules[check.id] === 'off') continue;
      let found: Finding[] | undefined;
      const before = kept && check.jobKeys && !check.jobKeys.some((k) => kept.keys.has(k)) ? this.byCheck.get(check.id) : undefined;
      if (before) found = shiftFindings(before, kept!.path, kept!.change);
      if (!found) {
        try {
          found = check.check(ctx);
        } catch (e) {
          found = [internalError(this.repos[0]?.root ?? '', e, check.id)];
        }
      }
      byCheck.set(check.id, found);
      pushAll(earlier, found);
      for (const f of found) {
        const list = next.get(f.file);
        if (list) list.push(f);
        else next.set(f.file, [f]);
      }
    }
    const changed = new Set<string>();
    // Kept findings are the same objects: compare by identity first, by value only where that fails.
    const same = (a: Finding[], b: Finding[]) => (a.length === b.length && a.every((f, i) => f === b[i])) || JSON.stringify(a) === JSON.stringify(b);
    for (const file of new Set([...this.cross.keys(), ...next.keys()])) {
      if (!same(this.cross.get(file) ?? [], next.get(file) ?? [])) changed.add(file);
    }
    this.cross = next;
    this.byCheck = byCheck;
    return changed;
  }

  /** The innermost repo holding `path`: its folders looked up from the path upwards, not every repo scanned. */
  repoOf(path: string): Repo | undefined {
    if (this.repoIndex?.repos !== this.repos) {
      const byRoot = new Map<string, Repo>();
      for (const r of this.repos) if (!byRoot.has(r.root)) byRoot.set(r.root, r);
      this.repoIndex = { repos: this.repos, byRoot };
    }
    const { byRoot } = this.repoIndex;
    for (let p = path; ; ) {
      const hit = byRoot.get(p);
      if (hit) return hit;
      const up = dirname(p);
      if (up === p) return undefined;
      p = up;
    }
  }

  /** Every file that has (or may have) findings: config files, ignored ones and settings files. */
  trackedFiles(): string[] {
    const out = new Set(this.listedFiles());
    for (const f of this.cross.keys()) out.add(f);
    return [...out];
  }

  /** trackedFiles() but those that only have cross-file findings; an edit of one file's text leaves it as it is. */
  private listedFiles(): Set<string> {
    if (this.listed) return this.listed;
    const out = new Set<string>();
    for (const r of this.repos) {
      for (const f of [...r.configFiles, ...r.shadowedFiles, ...r.ignoredFiles]) out.add(f);
    }
    for (const s of this.repoSettings.values()) out.add(s.path);
    if (this.tenantRead) out.add(this.tenantRead.path);
    return (this.listed = out);
  }

  fileState(path: string): { repo: Repo; parsed: ParsedFile; active: boolean } | undefined {
    return this.files.get(path);
  }

  /** The text the engine holds for a config or settings file: what a fix edits. */
  fileText(path: string): string | undefined {
    const st = this.files.get(path);
    if (st) return st.parsed.text;
    for (const s of this.repoSettings.values()) if (s.path === path) return s.text;
    return undefined;
  }

  /** The repos' settings files that were read, with their text. */
  settingsFiles(): { path: string; text: string }[] {
    const out: { path: string; text: string }[] = [];
    for (const s of this.repoSettings.values()) if (s.text !== undefined) out.push({ path: s.path, text: s.text });
    return out;
  }

  /** The editor buffer the engine holds for a file, if it is open. */
  overlayOf(path: string): string | undefined {
    return this.overlays.get(path);
  }

  /** An editor buffer (text) or its closing (undefined). Returns the files whose findings may have changed. */
  setOverlay(path: string, text: string | undefined): Set<string> {
    if (text === undefined) {
      this.overlays.delete(path);
      // A buffer closed without ever being saved leaves nothing behind.
      if (!existsSync(path)) return this.recount(this.applyEvents([{ path, kind: 'deleted' }]));
    } else this.overlays.set(path, text);
    return this.recount(this.applyEvents([{ path, kind: 'changed' }]));
  }

  /** A file was created, changed or deleted on disk. */
  fileEvent(path: string, kind: FileEventKind): Set<string> {
    return this.recount(this.applyEvents([{ path, kind }]));
  }

  /** Several file events (a git checkout, a folder deletion) with a single re-check. */
  fileEvents(events: { path: string; kind: FileEventKind }[]): Set<string> {
    return this.recount(this.applyEvents(events));
  }

  /** Marks files whose findings may have changed, for stats() to count again. */
  private recount(changed: Set<string>): Set<string> {
    this.findingsMemo.clear();
    if (this.uncounted !== 'all') for (const f of changed) this.uncounted.add(f);
    return changed;
  }

  setEditorSettings(settings: Partial<Settings>): Set<string> {
    this.uncounted = 'all';
    this.findingsMemo.clear();
    const before = this.trackedFiles();
    // Both change which files are read, or what their schema findings are.
    const fileLevel = () => JSON.stringify([this.settings.extraConfigPaths, this.settings.ansibleVersions]);
    const was = fileLevel();
    this.editorSettings = settings;
    this.settings = this.computeSettings();
    if (this.retenant() || fileLevel() !== was) for (const r of this.repos) this.reselect(r);
    this.reindex();
    return new Set([...before, ...this.trackedFiles()]);
  }

  private applyEvents(events: { path: string; kind: FileEventKind }[]): Set<string> {
    // A change of one config file's text leaves the list of files as it is: no need to take it (a pass over every file).
    const one = events.length === 1 ? events[0] : undefined;
    const simple = !!one && one.kind === 'changed' && this.files.has(one.path) && one.path !== this.tenantRead?.path && one.path !== this.settings.tenantConfig;
    const before = simple ? undefined : new Set(this.trackedFiles());
    const changed = new Set<string>();
    let needIndex = false;
    const reselect = new Set<Repo>();
    let tenantTouched = false;
    for (const { path, kind } of events) {
      changed.add(path);
      if (path === this.tenantRead?.path || path === this.settings.tenantConfig) tenantTouched = true;
      const repo = this.repoOf(path);
      if (!repo) continue;
      const rel = repoRelative(repo, path);
      if (kind === 'created') repo.files.add(rel);
      if (kind === 'deleted' && !this.overlays.has(path)) repo.files.delete(rel);
      if (kind === 'changed' && this.overlays.has(path) && !repo.files.has(rel)) repo.files.add(rel);
      if (rel === SETTINGS_FILE) {
        this.readRepoSettings(repo.root);
        this.settings = this.computeSettings();
        for (const r of this.repos) reselect.add(r);
        needIndex = tenantTouched = true;
        continue;
      }
      if (rel === TENANT_FILE_IN_REPO) tenantTouched = true;
      const wasConfig = this.files.has(path);
      if (kind !== 'changed' || (!wasConfig && isConfigCandidate(rel, repo.extraConfigPaths))) {
        // Creations and deletions matter to path checks even outside the config roots.
        if (kind !== 'changed' || isConfigCandidate(rel, repo.extraConfigPaths)) reselect.add(repo);
        needIndex = true;
      } else if (wasConfig) {
        const st = this.files.get(path)!;
        this.parseInto(repo, path, st.active);
        const now = this.files.get(path)!;
        const fast = events.length === 1 ? this.shiftInstead(path, st, now) : undefined;
        if (fast) return fast;
        if (events.length === 1 && !tenantTouched && st.active && now.active && now !== st) {
          const keys = jobKeyChanges(st.parsed, now.parsed);
          if (keys) {
            for (const f of this.reindex({ path, keys, change: changeBetween(st, now), before: st.parsed, after: now.parsed })) changed.add(f);
            return changed;
          }
        }
        now.change = undefined;
        needIndex = true;
      }
    }
    if (tenantTouched) {
      if (this.retenant()) for (const r of this.repos) reselect.add(r);
      needIndex = true;
    }
    for (const repo of reselect) this.reselect(repo);
    if (!needIndex) return changed;
    if (before) {
      const after = new Set(this.trackedFiles());
      for (const f of after) if (!before.has(f)) changed.add(f);
      for (const f of before) if (!after.has(f)) changed.add(f);
    }
    for (const repo of reselect) for (const f of [...repo.configFiles, ...repo.shadowedFiles, ...repo.ignoredFiles]) changed.add(f);
    for (const f of this.reindex()) changed.add(f);
    return changed;
  }

  /** Re-picks a repo's config files after its file list or settings changed. */
  private reselect(repo: Repo): void {
    const next = selectConfig({ name: repo.name, root: repo.root, files: repo.files, extraConfigPaths: this.extraPathsFor(repo.name, repo.root) });
    const old = new Set([...repo.configFiles, ...repo.shadowedFiles]);
    Object.assign(repo, next);
    this.listed = undefined;
    for (const f of [...repo.configFiles, ...repo.shadowedFiles]) {
      old.delete(f);
      this.parseInto(repo, f, repo.configFiles.includes(f));
    }
    for (const f of old) this.files.delete(f);
  }

  private ruleSetting(rule: string): RuleSetting | undefined {
    return this.settings.rules[rule];
  }

  /** Findings of one file, with the user's severities applied and `off` rules removed. */
  findings(path: string): Finding[] {
    const hit = this.findingsMemo.get(path);
    if (hit) return [...hit];
    const out = this.computeFindings(path);
    this.findingsMemo.set(path, out);
    return [...out];
  }

  private computeFindings(path: string): Finding[] {
    const raw: Finding[] = [];
    const st = this.files.get(path);
    if (st) pushAll(pushAll(raw, st.parsed.findings), st.schema);
    const repo = this.repoOf(path);
    if (repo) for (const f of discoveryFindings(repo)) if (f.file === path) raw.push(f);
    for (const s of this.repoSettings.values()) if (s.path === path) pushAll(raw, s.findings);
    if (this.tenantRead?.path === path) pushAll(raw, this.tenantRead.findings);
    pushAll(raw, this.cross.get(path) ?? []);
    pushAll(raw, this.extraFindings.get(path) ?? []);
    const out: Finding[] = [];
    // Same rule, start and message: the messages are compared only among findings that share the rest (a key of each message was most of a keystroke's cost in a large file).
    const seen = new Map<string, string[]>();
    for (const f of raw) {
      const setting = this.ruleSetting(f.rule);
      if (setting === 'off') continue;
      if (st && suppressed(f, st.parsed)) continue;
      const key = `${f.rule}|${f.range.start.line}:${f.range.start.character}`;
      const messages = seen.get(key);
      if (messages?.includes(f.message)) continue;
      if (messages) messages.push(f.message);
      else seen.set(key, [f.message]);
      const shown = findingFor(f, this.surface);
      out.push(setting ? { ...shown, severity: setting } : shown);
    }
    return out.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  }

  allFindings(): Map<string, Finding[]> {
    const out = new Map<string, Finding[]>();
    for (const f of this.trackedFiles().sort()) out.set(f, this.findings(f));
    return out;
  }

  /** Counts kept per file: after an edit only the files it changed are counted again, not the whole workspace. */
  stats(): WorkspaceStats {
    const count = (path: string) => {
      const c: [number, number, number] = [0, 0, 0];
      for (const f of this.findings(path)) c[f.severity === 'error' ? 0 : f.severity === 'warning' ? 1 : 2]++;
      this.counts.set(path, c);
      return c;
    };
    const add = (c: [number, number, number], sign: number) => {
      for (let i = 0; i < 3; i++) this.totals[i] += sign * c[i];
    };
    if (this.uncounted === 'all') {
      this.counts.clear();
      this.totals = [0, 0, 0];
      for (const path of this.trackedFiles()) add(count(path), 1);
    } else {
      // Whether a file is tracked changes only in an update that lists it as changed: count those alone.
      const listed = this.listedFiles();
      for (const path of this.uncounted) {
        const old = this.counts.get(path);
        if (old) add(old, -1);
        if (listed.has(path) || this.cross.has(path)) add(count(path), 1);
        else this.counts.delete(path);
      }
    }
    this.uncounted = new Set();
    const [errors, warnings, infos] = this.totals;
    return { repos: this.repos.length, files: this.files.size, jobs: this.index.count('job'), errors, warnings, infos };
  }

  /** Rule metadata for every id the engine can report. */
  static rules() {
    return ALL_RULES;
  }
}

/** What the tenant says about the repos, as a string: equal strings, same trust, order, classes and paths. */
function tenantKey(state: TenantState | undefined): string {
  const v = state?.view;
  if (!v) return state ? `file ${state.path}` : '';
  const projects = [...v.projectOf].map(([root, p]) => `${root}=${p.name}:${p.trusted}:${[...p.include].sort()}:${p.extraConfigPaths}`);
  return `${state.path}|${v.tenant.name}|${projects.join('|')}`;
}

function isSymlink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

const LINE0 = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** Why a file was not read, as a finding on its first line: for a settings file always invalid-settings-file. */
function notReadFinding(path: string, read: { problem: string; detail: string }, kind: 'config' | 'settings' | 'tenant'): Finding {
  const own = kind === 'settings' ? 'invalid-settings-file' : kind === 'tenant' ? 'invalid-tenant-file' : undefined;
  const at = (rule: string, severity: Finding['severity'], message: string): Finding =>
    own ? { rule: own, severity: 'error', file: path, range: LINE0, message } : { rule, severity, file: path, range: LINE0, message };
  if (read.problem === 'symlink') {
    const target = read.detail;
    return at('symlinked-config-file', 'error', `This configuration file is a symbolic link to "${target}". Zuul reads the repository's git tree, where a link is stored as the text of its target: Zuul loads the string "${target}", not the file it points to, and rejects it (a configuration file must be a list of items). Replace the link with the file itself.`);
  }
  if (read.problem === 'too-large') {
    const limit = kind === 'config' ? MAX_FILE_BYTES : MAX_SETTINGS_BYTES;
    return at('file-too-large', 'warning', `This file is larger than ${limit / 1024 / 1024} MB; it is not ${kind === 'config' ? 'checked' : 'read'}.`);
  }
  return at('file-not-read', 'warning', `This file was not read: it is ${read.problem === 'not-regular' ? read.detail : `unreadable (${read.detail})`}. Only regular files are read.`);
}

/**
 * The text change from `before` to `after`: the one their re-parse found
 * (taken from the state: kept there, it would hold the previous text alive),
 * or a new diff.
 */
function changeBetween(before: FileState, after: FileState): TextChange {
  const c = after.change;
  after.change = undefined;
  return c && c.before === before.parsed.lines && c.after === after.parsed.lines ? c : diffTexts(before.parsed.lines, after.parsed.lines);
}

function internalError(file: string, e: unknown, rule = 'internal-error'): Finding {
  const msg = e instanceof Error ? e.message : String(e);
  return { rule: 'internal-error', severity: 'error', file, range: LINE0, message: `Zuul Authoring failed while checking this file (${rule}): ${msg}. Please report it.` };
}


