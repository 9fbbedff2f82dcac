/** JSON Schemas generated from the zod schemas (see scripts/gen-schemas.ts). */
import * as z from 'zod/mini';
import { SidecarShapeSchema, TagSetShapeSchema } from './schema';

export const SIDECAR_SCHEMA_FILE = 'annotations.schema.json';
export const TAG_SET_SCHEMA_FILE = 'annotation-tags.schema.json';

function render(schema: z.ZodMiniType, title: string): string {
  const generated = z.toJSONSchema(schema, { io: 'input', target: 'draft-2020-12' }) as Record<string, unknown>;
  const { $schema, ...rest } = generated;
  return `${JSON.stringify({ $schema, title, ...rest }, null, 2)}\n`;
}

/** File name under `schemas/` → its content. */
export function generatedSchemas(): Record<string, string> {
  return {
    [SIDECAR_SCHEMA_FILE]: render(SidecarShapeSchema, 'Seed Annotator sidecar (version 1)'),
    [TAG_SET_SCHEMA_FILE]: render(TagSetShapeSchema, 'Seed Annotator tag set (annotation-tags.json, version 1)'),
  };
}
