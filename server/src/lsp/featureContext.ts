// What an editor feature's handlers (hover, completion, navigation, structure)
// get from the server: the connection, what the client can do, and a way to
// read the workspace on the engine's queue with every pending edit applied,
// so that an answer is computed on the text the client shows.
import type { Connection } from 'vscode-languageserver';
import type { ZuulWorkspace } from '../engine/workspace';
import type { ClientFeatures } from './capabilities';
import type { UriMap } from './uri';

export interface FeatureContext {
  connection: Connection;
  features(): ClientFeatures;
  uris: UriMap;
  /** Runs `fn` on the engine queue on the current workspace; undefined (and logged) when it throws. */
  run<T>(name: string, fn: (ws: ZuulWorkspace) => T): Promise<T | undefined>;
}
