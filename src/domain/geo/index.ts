export * from './geo-types';
export * from './geo-measure';
export * from './geo-clip';
