// The W3C Web Annotation test suite's MUST assertions (test/fixtures/web-annotation-tests, see its ORIGIN.md),
// run with ajv as the suite's own harness runs them: every assertion schema of a `*Musts.test` file is
// validated against the JSON and must give its `expectedResult`.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';

const SUITE = path.resolve(import.meta.dirname, '../../fixtures/web-annotation-tests');

type Validate = ((data: unknown) => boolean) & { errors?: unknown };

function loadSuite(): Map<string, Array<{ file: string; expected: string; message: string; validate: Validate }>> {
  const ajv = new Ajv({ allErrors: false, strict: false, logger: false });
  addFormats(ajv);
  for (const name of readdirSync(path.join(SUITE, 'definitions'))) {
    ajv.addSchema(JSON.parse(readFileSync(path.join(SUITE, 'definitions', name), 'utf8')), name);
  }
  const tests = new Map<string, Array<{ file: string; expected: string; message: string; validate: Validate }>>();
  for (const test of ['annotations/annotationMusts.test', 'collections/collectionMusts.test', 'collections/pages/pageMusts.test']) {
    const assertions = (JSON.parse(readFileSync(path.join(SUITE, test), 'utf8')) as { assertions: string[] }).assertions;
    tests.set(
      test,
      assertions.map((file) => {
        const schema = JSON.parse(readFileSync(path.join(SUITE, file), 'utf8'));
        // The assertion's own id is a bare file name; its $refs name the definitions by file name too.
        delete schema.id;
        return { file, expected: schema.expectedResult ?? 'valid', message: schema.errorMessage ?? file, validate: ajv.compile(schema) as Validate };
      }),
    );
  }
  return tests;
}

let suite: ReturnType<typeof loadSuite> | null = null;

/** The failed MUST assertions of one test file (`annotation`, `collection` or `page`) for `json`: empty when it passes. */
export function mustFailures(kind: 'annotation' | 'collection' | 'page', json: unknown): string[] {
  suite ??= loadSuite();
  const test = kind === 'annotation' ? 'annotations/annotationMusts.test' : kind === 'collection' ? 'collections/collectionMusts.test' : 'collections/pages/pageMusts.test';
  const failures: string[] = [];
  for (const a of suite.get(test)!) {
    const valid = a.validate(json);
    if ((valid ? 'valid' : 'invalid') !== a.expected) failures.push(`${a.file}: ${a.message}`);
  }
  return failures;
}
