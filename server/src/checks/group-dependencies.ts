// The dependency and job-graph rules; each rule is a file of its own named after its id.
import type { Check } from './check';
import { missingBootstrapDependency } from './missing-bootstrap-dependency';
import { dependencyNotInPipeline } from './dependency-not-in-pipeline';
import { unknownDependency } from './unknown-dependency';
import { dependencyCycle } from './dependency-cycle';
import { bootstrapNotFirst } from './bootstrap-not-first';
import { unguardedConcurrentPipelines } from './unguarded-concurrent-pipelines';
import { filteredHardDependency } from './filtered-hard-dependency';

export const DEPENDENCIES_CHECKS: Check[] = [
  missingBootstrapDependency,
  dependencyNotInPipeline,
  unknownDependency,
  dependencyCycle,
  bootstrapNotFirst,
  unguardedConcurrentPipelines,
  filteredHardDependency,
];
