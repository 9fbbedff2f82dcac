/** Anchoring: targets, live edits, re-anchoring (see reanchor.ts). */
export { makeTarget, splitsSurrogatePair, type AnchorResult, type AnchorStatus, type AnchorTarget, type Span } from './target';
export { applyEdits, mapSpan, type EditedSpan, type EditedSpanState, type TextEdit } from './edits';
export { maxErrors } from './candidates';
export { reanchor, reanchorAll, type ReanchorOptions } from './reanchor';
