// The general fix providers; each provider is a file of its own.
import type { FixProvider } from './types';

export const GENERAL_FIXES: FixProvider[] = [];
