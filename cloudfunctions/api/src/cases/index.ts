/** Case actions: intake, handling, queries. */
import { report, suggestCategory } from './intake';
import { handlingActions } from './handling';
import { caseQueries } from './queries';

export const caseActions = [report, suggestCategory, ...handlingActions, ...caseQueries];
