// The dependencies fix providers; each provider is a file of its own.
import type { FixProvider } from './types';

export const DEPENDENCIES_FIXES: FixProvider[] = [];
