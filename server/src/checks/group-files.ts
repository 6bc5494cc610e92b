// The files rules; each rule is a file of its own named after its id.
import type { Check } from './check';

export const FILES_CHECKS: Check[] = [];
