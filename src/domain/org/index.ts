export * from './org-types';
export * from './rota';
export * from './seed';
