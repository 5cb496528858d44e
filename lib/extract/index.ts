/** Adding a source: URL and response checks, article extraction, draft validation, duplicates. */
export * from './article';
export * from './draft';
export * from './duplicate';
export * from './fetch-page';
export * from './limits';
export * from './problems';
export * from './url';
