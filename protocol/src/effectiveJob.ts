// zuul/effectiveJob: what Zuul would freeze for a job (in a project-pipeline,
// on a branch), each value with the stanza that set it. The engine builds
// these shapes (server/src/zuul/effectiveJob.ts), the CLI prints them, the
// server sends them, and "Zuul: Show Effective Job" shows the text.
import type { Position, Range } from './index';

/** Where a value is written. */
export interface SourceRef {
  /** The repository's folder name. */
  repo: string;
  /** Absolute path of the file. */
  path: string;
  /** Path inside the repository, with `/`. */
  file: string;
  range: Range;
}

/** A value and the stanza that set it. */
export interface Sourced<T = unknown> {
  value: T;
  source: SourceRef;
  /** Set when the stanza that set it may not apply: why (an explicit branch matcher, no branch given). */
  onlyIf?: string;
}

/** One stanza applied to the job, in Zuul's order: the parent chain, the job's variants, then the project-pipeline variants. */
export interface AppliedStanza {
  kind: 'job' | 'variant';
  job: string;
  source: SourceRef;
  /** For project-pipeline variants: the project or template stanza and the pipeline. */
  pipeline?: string;
  onlyIf?: string;
}

export interface SkippedStanza extends AppliedStanza {
  why: string;
}

/** A variable tree after the deep merge: each leaf with its source. */
export type VarTree = { [key: string]: VarEntry };
export type VarEntry = { leaf: Sourced } | { tree: VarTree };

export const VAR_KINDS = ['vars', 'extra-vars', 'host-vars', 'group-vars'] as const;
export type VarKind = (typeof VAR_KINDS)[number];

export interface EffectivePlaybook {
  phase: 'pre-run' | 'run' | 'post-run' | 'cleanup-run';
  path: string;
  /** The repository the playbook is read from: that of the stanza that lists it. */
  repo: string;
  source: SourceRef;
  /** The job whose stanza lists it. */
  job: string;
  /** Secrets the playbook sees: its stanza's own, and pass-to-parent ones of later stanzas. */
  secrets: string[];
  semaphores: string[];
  /** Role repositories on its search path, first searched first. */
  roles: string[];
  onlyIf?: string;
}

export interface EffectiveRole {
  /** The repository holding the role (`zuul:`), or the stanza's own for the implicit role. */
  project: string;
  name: string;
  implicit: boolean;
  source: SourceRef;
}

export interface EffectiveSecret {
  /** The variable name the playbooks see. */
  name: string;
  secret: string;
  passToParent: boolean;
  /** The job whose stanza passes it. */
  job: string;
  source: SourceRef;
}

export interface Note {
  /** The attribute the note is about; absent for the whole job. */
  attribute?: string;
  message: string;
}

export interface EffectiveJob {
  job: string;
  project?: string;
  pipeline?: string;
  branch?: string;
  applied: AppliedStanza[];
  skipped: SkippedStanza[];
  /** Attributes whose last setter wins (or that only turn true), by config key. */
  attributes: Record<string, Sourced>;
  /** Attributes combined over the stanzas (semaphores, tags, dependencies, files...): each element with its source. */
  lists: Record<string, Sourced[]>;
  vars: Record<VarKind, VarTree>;
  playbooks: EffectivePlaybook[];
  roles: EffectiveRole[];
  requiredProjects: Sourced<{ project: string; overrideCheckout?: string }>[];
  secrets: EffectiveSecret[];
  /** What could not be known, at the value it concerns. */
  notes: Note[];
  /** False when the job's chain is incomplete in the open repos: what Zuul freezes is then not known. */
  complete: boolean;
}

/** Request: client -> server. */
export const EFFECTIVE_JOB_REQUEST = 'zuul/effectiveJob';

/** A job by name (with an optional project-pipeline and branch), or the job at a position of a document. */
export interface EffectiveJobParams {
  job?: string;
  project?: string;
  pipeline?: string;
  branch?: string;
  uri?: string;
  position?: Position;
}

/** A `repo/file:line` of the text and the place it names. */
export interface EffectiveJobLink {
  /** Where the reference is in `text`. */
  range: Range;
  uri: string;
  target: Range;
}

export type EffectiveJobResult = { effective: EffectiveJob; text: string; links: EffectiveJobLink[] } | { error: string };

/** The client command that shows the effective job of the cursor (or of EffectiveJobParams). */
export const SHOW_EFFECTIVE_JOB_COMMAND = 'zuul.showEffectiveJob';

/**
 * Key of `capabilities.experimental` under which a client lists the client
 * commands it runs from the server's Markdown (command links in hovers).
 */
export const COMMAND_LINKS_CAPABILITY = 'zuulCommandLinks';
