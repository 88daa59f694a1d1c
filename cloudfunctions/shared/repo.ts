/**
 * Kept for the modules that still import the records' write path from here (intake.ts, timer-drain.ts): the
 * repository is `repos/records.ts`.
 */
export * from './repos/records';
