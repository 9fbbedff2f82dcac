/**
 * JSON reading with usable error positions. `JSON.parse` error messages differ between
 * engines and often carry no position, so on failure a small scanner walks the text again
 * to find the first offending character and say what was expected there.
 */

export interface JsonSyntaxError {
  /** 1-based line and column (UTF-16 code units) of the offending character. */
  line: number;
  column: number;
  offset: number;
  message: string;
  /** The text ended before the JSON value was complete (a truncated or empty file). */
  truncated: boolean;
}

export type JsonParseResult = { ok: true; value: unknown } | { ok: false; error: JsonSyntaxError };

export function parseJson(text: string): JsonParseResult {
  // A BOM before JSON is tolerated (editors on Windows add one); JSON.parse rejects it.
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch {
    const found = locateJsonError(body);
    const shift = body === text ? 0 : 1;
    const offset = found.offset + shift;
    const { line, column } = lineColumn(text, offset);
    return { ok: false, error: { line, column, offset, message: found.message, truncated: found.truncated } };
  }
}

export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || (c === 0x0d && text.charCodeAt(i + 1) !== 0x0a)) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

class Fail {
  constructor(
    readonly offset: number,
    readonly message: string,
    readonly truncated: boolean,
  ) {}
}

function describe(text: string, i: number): string {
  if (i >= text.length) return 'end of file';
  const c = text.codePointAt(i)!;
  if (c < 0x20) return `control character U+${c.toString(16).toUpperCase().padStart(4, '0')}`;
  return `'${String.fromCodePoint(c)}'`;
}

/** Finds the first syntax error in `text` (which JSON.parse rejected). */
export function locateJsonError(text: string): { offset: number; message: string; truncated: boolean } {
  let i = 0;
  const n = text.length;

  const fail = (what: string): never => {
    if (i >= n) {
      throw new Fail(n, n === 0 || text.trim() === '' ? 'the file is empty' : `unexpected end of file, expected ${what} (the file looks truncated)`, true);
    }
    throw new Fail(i, `unexpected ${describe(text, i)}, expected ${what}`, false);
  };
  const ws = (): void => {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) i++;
      else break;
    }
  };
  const literal = (word: string): void => {
    for (let k = 0; k < word.length; k++, i++) {
      if (text.charCodeAt(i) !== word.charCodeAt(k)) fail(`'${word}'`);
    }
  };
  const string = (): void => {
    i++; // opening quote
    for (;;) {
      if (i >= n) fail('a closing \'"\'');
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return;
      }
      if (c < 0x20) fail('\'"\' before the end of the line (strings cannot contain raw line breaks or control characters)');
      if (c === 0x5c) {
        i++;
        if (i >= n) fail('an escape sequence');
        const e = text[i]!;
        if ('"\\/bfnrt'.includes(e)) i++;
        else if (e === 'u') {
          i++;
          for (let k = 0; k < 4; k++, i++) {
            if (i >= n || !/[0-9a-fA-F]/.test(text[i]!)) fail('4 hex digits after \\u');
          }
        } else fail('a valid escape (\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)');
        continue;
      }
      i++;
    }
  };
  const digits = (): void => {
    if (i >= n || text.charCodeAt(i) < 0x30 || text.charCodeAt(i) > 0x39) fail('a digit');
    while (i < n && text.charCodeAt(i) >= 0x30 && text.charCodeAt(i) <= 0x39) i++;
  };
  const number = (): void => {
    if (text[i] === '-') i++;
    if (text[i] === '0') i++;
    else digits();
    if (text[i] === '.') {
      i++;
      digits();
    }
    if (text[i] === 'e' || text[i] === 'E') {
      i++;
      if (text[i] === '+' || text[i] === '-') i++;
      digits();
    }
  };
  const value = (depth: number): void => {
    if (depth > 5000) throw new Fail(i, 'too deeply nested', false);
    ws();
    if (i >= n) fail('a value');
    const c = text[i]!;
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail(text[i] === '}' ? 'a property name (no trailing comma before \'}\')' : 'a property name in double quotes');
        string();
        ws();
        if (text[i] !== ':') fail("':' after the property name");
        i++;
        value(depth + 1);
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return;
        }
        fail("',' or '}'");
      }
    } else if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (text[i] === ']') fail('a value (no trailing comma before \']\')');
        value(depth + 1);
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return;
        }
        fail("',' or ']'");
      }
    } else if (c === '"') string();
    else if (c === '-' || (c >= '0' && c <= '9')) number();
    else if (c === 't') literal('true');
    else if (c === 'f') literal('false');
    else if (c === 'n') literal('null');
    else fail('a value');
  };

  try {
    value(0);
    ws();
    if (i < n) fail('end of file after the JSON value');
    // The scanner accepts what JSON.parse rejected: should not happen; report the start.
    return { offset: 0, message: 'invalid JSON', truncated: false };
  } catch (error) {
    if (error instanceof Fail) return { offset: error.offset, message: error.message, truncated: error.truncated };
    throw error;
  }
}
