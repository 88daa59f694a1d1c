/** Case actions: intake, handling, queries. */
import { report, suggestCategory } from './intake';
import { handlingActions } from './handling';
import { caseQueries } from './queries';
import { join, nearby } from './nearby';

export const caseActions = [report, suggestCategory, ...handlingActions, ...caseQueries, nearby, join];
