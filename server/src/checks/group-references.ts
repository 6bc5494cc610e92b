// The references rules; each rule is a file of its own named after its id.
import type { Check } from './check';
import { unknownJob } from './unknown-job';
import { unknownNodeset } from './unknown-nodeset';
import { unknownSecret } from './unknown-secret';
import { secretFromOtherProject } from './secret-from-other-project';
import { unknownProjectTemplate } from './unknown-project-template';
import { unknownSemaphore } from './unknown-semaphore';
import { duplicateDefinition } from './duplicate-definition';
import { unknownPipeline } from './unknown-pipeline';
import { nodesetCycle } from './nodeset-cycle';
import { projectForbidden } from './project-forbidden';

export const REFERENCES_CHECKS: Check[] = [unknownJob, unknownNodeset, unknownSecret, secretFromOtherProject, unknownProjectTemplate, unknownSemaphore, duplicateDefinition, unknownPipeline, nodesetCycle, projectForbidden];
