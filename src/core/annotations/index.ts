/** Annotations core: sidecar format, tag set, anchoring, atomic writes. No `vscode`, no `node:`. */
export * from './schema';
export * from './problems';
export * from './json';
export * from './paths';
export * from './hash';
export * from './sidecar';
export * from './status';
export * from './tags';
export * from './anchor';
export * from './atomic';
export * from './jsonSchema';
