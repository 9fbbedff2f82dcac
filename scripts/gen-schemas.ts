/**
 * Writes the JSON Schemas of the sidecar and tag-set formats, generated from the zod schemas
 * in src/core/annotations/schema.ts (the single source of truth).
 * Usage: node --import tsx scripts/gen-schemas.ts [--check]
 *   --check: write nothing; exit 1 if a committed schema differs from the generated one.
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { generatedSchemas } from '../src/core/annotations/jsonSchema';

const root = path.resolve(import.meta.dirname, '..');
const check = process.argv.includes('--check');
let stale = 0;
for (const [file, text] of Object.entries(generatedSchemas())) {
  const target = path.join(root, 'schemas', file);
  let current: string | null = null;
  try {
    current = readFileSync(target, 'utf8');
  } catch {
    current = null;
  }
  if (current === text) continue;
  if (check) {
    console.error(`schemas/${file} is out of date: run 'node --import tsx scripts/gen-schemas.ts'`);
    stale++;
  } else {
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, text);
    console.log(`wrote schemas/${file}`);
  }
}
process.exitCode = stale > 0 ? 1 : 0;
