/** The IAM catalog: typed, synchronous access to the Service Authorization Reference data. */
export * from './types';
export { Catalog } from './catalog';
export { CatalogLoadError } from './load';
export { lazyCatalog } from './lazy';
export { matchArn, parseArn } from './arn';
export { editDistance } from './distance';
export { FORMAT_VERSION } from './format';
