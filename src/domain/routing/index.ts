export * from './routing-types';
export * from './routing-route';
export * from './routing-duplicate';
export * from './classifier';
export { CATEGORY_MODEL, suggestCategoryFromText } from './classifier-model';
export * from './routing-rules';
export * from './routing-locate';
