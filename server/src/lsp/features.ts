// Registers every editor feature's handlers; each lives in its own module.
import type { FeatureContext } from './featureContext';
import { registerNavigation } from './navigation';
import { registerCompletion } from './completion';
import { registerStructure } from './structure';

export function registerFeatures(ctx: FeatureContext): void {
  registerNavigation(ctx);
  registerCompletion(ctx);
  registerStructure(ctx);
}
