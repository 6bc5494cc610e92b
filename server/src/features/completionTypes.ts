// Completion results in the project's own terms; the LSP layer converts them.
import type { Range } from '../zuul/types';

export type CompletionKind = 'property' | 'value' | 'enum' | 'keyword' | 'reference' | 'file' | 'folder' | 'module';

export interface CompletionEntry {
  label: string;
  kind: CompletionKind;
  /** Replaces `range` (the word being typed). */
  insertText: string;
  /** `insertText` is snippet syntax (`$1`, `${1|a,b|}`). */
  snippet: boolean;
  /** The text spans lines and carries its own indentation: insert it as is. */
  multiline?: boolean;
  range: Range;
  detail?: string;
  /** Shown beside the label (where a name is defined). */
  description?: string;
  /** Markdown or plain text, as the options asked. */
  documentation?: string;
  sortText?: string;
  filterText?: string;
}

export interface CompletionResult {
  items: CompletionEntry[];
  /** More names exist than were sent: the client asks again as the word grows. */
  isIncomplete: boolean;
}

export interface CompletionOptions {
  markdown: boolean;
  snippets: boolean;
  /** Where a name is defined goes to `description` (label details) instead of `detail`. */
  labelDetails: boolean;
  /** At most this many names per answer (default 500). */
  limit?: number;
  /** The character whose typing asked for completion, if any. */
  trigger?: string;
}
