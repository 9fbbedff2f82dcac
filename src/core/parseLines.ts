import { isBlankUnit } from './textChars';

/** Cheap pre-test: printable ASCII other than space is never blank. */
const mayBeBlank = (c: number): boolean => c <= 0x20 || c >= 0xa0;

/**
 * Walks the lines of a text without allocating: after `next()` the fields describe the
 * current line. Line breaks are LF, CRLF or a lone CR; `start`/`end` exclude the break,
 * `ts`/`te` bound the line without its leading and trailing whitespace (ts === te: blank).
 */
export class LineReader {
  start = 0;
  end = 0;
  ts = 0;
  te = 0;
  private pos = 0;
  private lf = -1; // next LF at or after pos (text.length when none)
  private cr = -1; // next CR at or after pos (text.length when none)

  constructor(readonly text: string) {}

  /** Moves to the next line; false at the end of the text. */
  next(): boolean {
    const text = this.text;
    const n = text.length;
    const pos = this.pos;
    if (pos >= n) return false;
    if (this.lf < pos) {
      const i = text.indexOf('\n', pos);
      this.lf = i < 0 ? n : i;
    }
    if (this.cr < pos) {
      const i = text.indexOf('\r', pos);
      this.cr = i < 0 ? n : i;
    }
    let end: number;
    if (this.cr < this.lf) {
      end = this.cr;
      this.pos = this.cr + 1 === this.lf ? this.lf + 1 : this.cr + 1;
    } else {
      end = this.lf;
      this.pos = end + 1;
    }
    let ts = pos;
    while (ts < end && mayBeBlank(text.charCodeAt(ts)) && isBlankUnit(text.charCodeAt(ts))) ts++;
    let te = end;
    while (te > ts && mayBeBlank(text.charCodeAt(te - 1)) && isBlankUnit(text.charCodeAt(te - 1))) te--;
    this.start = pos;
    this.end = end;
    this.ts = ts;
    this.te = te;
    return true;
  }

  /** Moves to the next line that is not blank; false at the end of the text. */
  nextContent(): boolean {
    while (this.next()) if (this.ts < this.te) return true;
    return false;
  }

  get blank(): boolean {
    return this.ts === this.te;
  }

  /** Whether the trimmed line starts with `prefix`. */
  startsWith(prefix: string): boolean {
    return this.te - this.ts >= prefix.length && this.text.startsWith(prefix, this.ts);
  }

  /** Whether the trimmed line is exactly `value`. */
  is(value: string): boolean {
    return this.te - this.ts === value.length && this.text.startsWith(value, this.ts);
  }
}
