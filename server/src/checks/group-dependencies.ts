// The dependencies rules; each rule is a file of its own named after its id.
import type { Check } from './check';

export const DEPENDENCIES_CHECKS: Check[] = [];
