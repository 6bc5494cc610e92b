// Registers every editor feature's handlers; each lives in its own module.
import type { FeatureContext } from './featureContext';
import { registerStructure } from './structure';

export function registerFeatures(ctx: FeatureContext): void {
  registerStructure(ctx);
}
