// The general fix providers; each provider is a file of its own.
import type { FixProvider } from './types';
import { replaceSuggestion } from './replace-suggestion';
import { removeDeadMatcher } from './remove-dead-matcher';
import { declareExternal } from './declare-external';
import { suppress } from './suppress';

// Order is the order of the quick-fix menu: the likely intent first, suppression last.
export const GENERAL_FIXES: FixProvider[] = [replaceSuggestion, removeDeadMatcher, declareExternal, suppress];
