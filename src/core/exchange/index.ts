/** Export and import of annotations (issue #6). Pure TypeScript: no `vscode`, no `node:`. */
export * from './model';
export * from './offsets';
export * from './uuid';
export * from './export/index';
export { bratAnn, bratBase, fragments, escapeNote, unescapeNote, BRAT_CONF } from './export/brat';
export { attributeColumn, CSV_FIXED_COLUMNS, CSV_RELATION_COLUMNS, CSV_RELATIONS_FILE, csvRelationsPath, exportCsvRelations, neutraliseCell } from './export/csv';
export { CHECKTHAT_COLUMNS, CHECKTHAT_ID_COLUMNS, checkThatIds, checkThatIdsPath, checkThatText, checkworthyLabel } from './export/checkthat';
export { CLAIM_REVIEWED_MAX, reviewUrl, reviewedVerdict, verdictName, VERDICT_RATING } from './export/claimreview';
export { ANNO_CONTEXT, ATTRIBUTES_BODY_FORMAT, documentIri, w3cAnnotation } from './export/w3c';
export { JSON_BUNDLE_FORMAT, JSON_BUNDLE_VERSION } from './export/json';
export { collectAttributeIds, type WithStats } from './export/common';
export * from './import/index';
