// The rules that replay Zuul's checks while it freezes a job graph; each rule is a file of its own named after its id.
import type { Check } from './check';
import { noRunPlaybook } from './no-run-playbook';
import { postReviewJobInPreReview } from './post-review-job-in-pre-review';
import { finalJobModified } from './final-job-modified';
import { semaphoreConflictInherited } from './semaphore-conflict-inherited';

export const FREEZE_CHECKS: Check[] = [noRunPlaybook, postReviewJobInPreReview, finalJobModified, semaphoreConflictInherited];
