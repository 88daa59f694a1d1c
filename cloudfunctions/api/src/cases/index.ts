/** Case actions: intake, handling, queries. */
import { report, suggestCategory } from './intake';
import { accept } from './handling';

export const caseActions = [report, suggestCategory, accept];
