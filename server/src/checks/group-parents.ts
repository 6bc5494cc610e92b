// The parents rules; each rule is a file of its own named after its id.
import type { Check } from './check';
import { unknownParent } from './unknown-parent';
import { inheritanceCycle } from './inheritance-cycle';
import { finalParent } from './final-parent';
import { intermediateParentChildNotAbstract } from './intermediate-parent-child-not-abstract';
import { protectedParent } from './protected-parent';
import { abstractJobInPipeline } from './abstract-job-in-pipeline';
import { baseJobUntrusted } from './base-job-untrusted';
import { unexpectedParent } from './unexpected-parent';

export const PARENTS_CHECKS: Check[] = [
  unknownParent,
  inheritanceCycle,
  finalParent,
  intermediateParentChildNotAbstract,
  protectedParent,
  abstractJobInPipeline,
  baseJobUntrusted,
  unexpectedParent,
];
