// Quick fixes are built from a finding's data, without LSP types, so that
// the server, `zuul-check --fix` and the tests share them.
import type { Finding, Range } from '../zuul/types';
import type { ParsedFile } from '../zuul/parse';
import type { ZuulWorkspace } from '../engine/workspace';

export interface TextEdit {
  range: Range;
  newText: string;
}

export interface FileEdit {
  /** Absolute path. */
  file: string;
  edits: TextEdit[];
}

/** A client-side command (e.g. changing a setting), for fixes that are not text edits. */
export interface FixCommand {
  command: string;
  title: string;
  arguments?: unknown[];
}

export interface Fix {
  /** Says exactly what the fix does: `Add dependency on infra-prod-bootstrap-bridge (soft)`. */
  title: string;
  /** The fix a careful person would pick; fix-all and `zuul-check --fix` apply only these. */
  preferred?: boolean;
  edits: FileEdit[];
  command?: FixCommand;
}

export interface FixContext {
  ws: ZuulWorkspace;
  finding: Finding;
  /** The parsed file the finding is in (with `doc`, `lines`, `text`). */
  file: ParsedFile;
}

export interface FixProvider {
  /** Rule ids this provider offers fixes for. */
  rules: string[];
  /** It never offers a preferred fix (suppression, a setting): fix-all and SARIF need not ask it. */
  neverPreferred?: boolean;
  provide(ctx: FixContext): Fix[];
}
