export { Taxonomy, foldLabel } from './taxonomy.ts';
export * from './importers/index.ts';
export { DEFAULT_TAXONOMY_FILE, detectFormat, importTaxonomy, loadTaxonomy, readTaxonomyFile, type TaxonomyFormat } from './import-taxonomy.ts';
export { resolveJobSkills, resolveMemberSkills } from './resolve.ts';
export { createSkillExtractor, createTitleNormalizer, type ConceptMatch, type SkillExtractor, type TitleNormalizer } from './normalizer/index.ts';
