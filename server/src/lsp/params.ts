// The params of every request and notification the server handles, as far as
// it (or the document store it feeds) reads them.
import { anything, array, boolean, either, integer, object, oneOf, optional, string, uinteger, where, type Check } from './check';
import type { EffectiveJobParams, GraphTargetsParams, JobGraphParams, JobsForChangesParams } from '../../../protocol/src';

const position = object({ line: uinteger, character: uinteger });
const range = object({ start: position, end: position });
const ordered = where(range, (r) => r.start.line < r.end.line || (r.start.line === r.end.line && r.start.character <= r.end.character), 'must not end before it starts');
const documentId = object({ uri: string });

const diagnostic = object({
  range,
  message: string,
  code: optional(either(string, integer, 'a string or an integer')),
  source: optional(string),
});

export const codeActionParams = object({
  textDocument: documentId,
  range: ordered,
  context: object({ diagnostics: array(diagnostic), only: optional(array(string)) }),
});

/** One check per field of the shared JobGraphParams (protocol/src): the compiler rejects a field missing here or checked as another type. */
const jobGraphFields = object({
  uri: optional(string),
  position: optional(position),
  project: optional(string),
  pipeline: optional(string),
  view: optional(oneOf(['dependencies', 'inheritance'] as const)),
  focus: optional(string),
  limit: optional(where(integer, (n) => n >= 1, 'must be a positive integer')),
  weight: optional(oneOf(['count', 'timeout'] as const)),
  changedFiles: optional(array(string)),
} satisfies { [K in keyof Required<JobGraphParams>]: Check<JobGraphParams[K]> });

/** Absent params mean "nothing chosen": the handler answers with what is missing. */
export const jobGraphParams: Check<JobGraphParams> = (v, at) => optional(jobGraphFields)(v, at) ?? {};

/** One check per field of the shared EffectiveJobParams (protocol/src). */
const effectiveJobFields = object({
  job: optional(string),
  project: optional(string),
  pipeline: optional(string),
  branch: optional(string),
  uri: optional(string),
  position: optional(position),
} satisfies { [K in keyof Required<EffectiveJobParams>]: Check<EffectiveJobParams[K]> });

export const effectiveJobParams: Check<EffectiveJobParams> = (v, at) => optional(effectiveJobFields)(v, at) ?? {};

export const jobsForChangesParams: Check<JobsForChangesParams> = object({
  files: array(string),
  pipeline: optional(string),
  branch: optional(string),
} satisfies { [K in keyof Required<JobsForChangesParams>]: Check<JobsForChangesParams[K]> });

/** zuul/graphTargets takes nothing; an object (VS Code sends {}) or nothing is fine. */
export const graphTargetsParams: Check<GraphTargetsParams | undefined> = optional(object({}));

export const didOpenParams = object({ textDocument: object({ uri: string, languageId: string, version: integer, text: string }) });

export const didChangeParams = object({
  textDocument: object({ uri: string, version: integer }),
  contentChanges: array(object({ text: string, range: optional(range), rangeLength: optional(uinteger) })),
});

export const didCloseParams = object({ textDocument: documentId });

// Manual, after a delay, on focus out.
export const willSaveParams = object({ textDocument: documentId, reason: oneOf([1, 2, 3] as const) });

export const didSaveParams = object({ textDocument: documentId, text: optional(string) });

export const didChangeWatchedFilesParams = object({ changes: array(object({ uri: string, type: integer })) });

export const didChangeConfigurationParams = object({ settings: anything });

const folder = object({ uri: string, name: string });
export const didChangeWorkspaceFoldersParams = object({ event: object({ added: array(folder), removed: array(folder) }) });

// The editor features (hover, completion, navigation, structure).
export const textDocumentParams = object({ textDocument: documentId });
export const positionParams = object({ textDocument: documentId, position });
export const referenceParams = object({ textDocument: documentId, position, context: optional(object({ includeDeclaration: optional(boolean) })) });
export const renameParams = object({ textDocument: documentId, position, newName: string });
export const workspaceSymbolParams = object({ query: string });
export const selectionRangeParams = object({ textDocument: documentId, positions: array(position) });
export const completionParams = object({ textDocument: documentId, position, context: optional(object({ triggerKind: optional(integer), triggerCharacter: optional(string) })) });
