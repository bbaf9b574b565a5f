export { Taxonomy, foldLabel } from './taxonomy.ts';
