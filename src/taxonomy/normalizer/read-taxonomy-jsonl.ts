/** The normalizer reads taxonomies through the importer, so both report bad lines the same way. */
export { readTaxonomyJsonl } from '../importers/index.ts';
