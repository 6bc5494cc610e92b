// The dependencies fix providers; each provider is a file of its own.
// Order is the order of the light-bulb menu: the sibling's dependency first
// (usually the preferred one), then the bootstrap job itself, then the
// pipeline-wide fix.
import type { FixProvider } from './types';
import { addSiblingDependency } from './add-sibling-dependency';
import { addBootstrapDependency } from './add-bootstrap-dependency';
import { addBootstrapDependencyToAll } from './add-bootstrap-dependency-to-all';
import { makeDependencySoft } from './make-dependency-soft';
import { addDependencyToPipeline } from './add-dependency-to-pipeline';
import { makeBootstrapDependencyHard } from './make-bootstrap-dependency-hard';

export const DEPENDENCIES_FIXES: FixProvider[] = [addSiblingDependency, addBootstrapDependency, makeBootstrapDependencyHard, addBootstrapDependencyToAll, makeDependencySoft, addDependencyToPipeline];
