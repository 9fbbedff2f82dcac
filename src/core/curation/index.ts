/** Adjudication: from the annotators' work to one gold standard (issue #13). Pure: no `vscode`, no `node:`. */
export * from './gold';
export * from './units';
export * from './decisions';
export * from './apply';
export * from './select';
