export { parseTaxonomyJsonl, readTaxonomyJsonl, toTaxonomyJsonl } from './generic-jsonl.ts';
export { parseEscoOccupationsCsv, parseSkillLabelList, readEscoOccupations, readEscoSkillLabels } from './esco.ts';
export { readOnetFolder, ONET_CREDIT } from './onet.ts';
