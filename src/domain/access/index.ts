export * from './visibility';
export * from './projection';
