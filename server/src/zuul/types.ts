// Core value types shared by the model, the checks, the CLI and the server.
// No LSP types here: the server converts these at its edge.

// Positions (0-based line, UTF-16 column, as LSP counts), ranges and severities cross the wire too: declared once, in protocol/src.
import type { Range, Severity } from '../../../protocol/src';

export type { Position, Range, Severity } from '../../../protocol/src';

/** A severity as configured by a user; `off` silences a rule. */
export type RuleSetting = Severity | 'off';

export interface RelatedLocation {
  /** Absolute file path. */
  file: string;
  range: Range;
  message: string;
}

/** One problem found by the engine, before any editor or CLI formatting. */
export interface Finding {
  /** Stable rule id, e.g. `unknown-attribute`. */
  rule: string;
  severity: Severity;
  message: string;
  /** Absolute file path. */
  file: string;
  range: Range;
  related?: RelatedLocation[];
  /** Typed payload for quick fixes (suggestions, names, insertion points). */
  data?: FindingData;
  /** The setting that would silence or configure the finding (zuul/settingRef.ts), and the value to add to it when one fits. */
  setting?: { key: string; value?: string };
}

export interface FindingData {
  /** Replacement candidates for the underlined text, best first. */
  suggestions?: string[];
  [key: string]: unknown;
}

export const ZERO_RANGE: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
