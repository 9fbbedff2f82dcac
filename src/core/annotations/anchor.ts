/** Anchoring lives in src/core/anchoring/; this module keeps the import path the rest of the code uses. */
export * from '../anchoring';
