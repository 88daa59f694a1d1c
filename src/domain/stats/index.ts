export * from './stats.types';
export * from './stats.day';
export * from './stats.indicators';
export * from './stats.rollup';
export * from './stats.places';
