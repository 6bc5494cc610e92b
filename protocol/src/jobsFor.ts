// zuul/jobsForChanges: which jobs a change runs, per pipeline of its
// project, each with the reason (the matcher entry that decided, with its
// source) and the warnings Zuul gives none of.
import type { Sourced } from './effectiveJob';

export interface JobRun {
  job: string;
  /** true: runs; false: does not run for this change; absent: not known (a pattern RE2 cannot read). */
  runs?: boolean;
  why: string;
  /** The `files` or `irrelevant-files` entry that decided. */
  matcher?: { attribute: 'files' | 'irrelevant-files'; entry: Sourced };
  /** Running jobs that need it through hard dependencies: Zuul runs it anyway. */
  pulledBy?: string[];
}

export interface JobsForPipeline {
  project: string;
  pipeline: string;
  jobs: JobRun[];
  warnings: { job?: string; message: string }[];
}

/** Request: client -> server. */
export const JOBS_FOR_CHANGES_REQUEST = 'zuul/jobsForChanges';

export interface JobsForChangesParams {
  /** The changed files, as file URIs; they may lie in several repositories. */
  files: string[];
  pipeline?: string;
  branch?: string;
}

export type JobsForChangesResult = { projects: { project: string; files: string[]; pipelines: JobsForPipeline[] }[]; text: string } | { error: string };

/** The client command that asks for the jobs of the changed files (Source Control's changes, or the active file). */
export const JOBS_FOR_CHANGES_COMMAND = 'zuul.jobsForChanges';
