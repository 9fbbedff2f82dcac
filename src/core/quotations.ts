/**
 * Finds quotations in blocks of text (a headline, a paragraph): “…” with nested ‘…’,
 * straight "…", «…» and ‹…›. A mark never pairs with one outside its block; marks left
 * open at the end of a block are dropped, as are ones left open inside a closed quotation.
 */
import type { Quotation, QuotationKind } from './document';
import { isDigitUnit, isSpaceUnit, isWordUnit } from './textChars';

const LDQUO = 0x201c; // “
const RDQUO = 0x201d; // ”
const LSQUO = 0x2018; // ‘
const RSQUO = 0x2019; // ’
const QUOT = 0x22; // "
const LAQUO = 0xab; // «
const RAQUO = 0xbb; // »
const LSAQUO = 0x2039; // ‹
const RSAQUO = 0x203a; // ›

function kindOf(open: number): QuotationKind {
  if (open === LDQUO) return 'double';
  if (open === LSQUO) return 'single';
  if (open === QUOT) return 'straight';
  return 'guillemet';
}

/** Counter slot of each opening mark. */
function slotOf(mark: number): number {
  return mark === LDQUO ? 0 : mark === LSQUO ? 1 : mark === QUOT ? 2 : mark === LAQUO ? 3 : 4;
}

/** Characters after which a straight `"` may open a quotation: not a word, `"`, `.` or `,`. */
function opensAfter(c: number): boolean {
  return !isWordUnit(c) && c !== QUOT && c !== 0x2e && c !== 0x2c;
}

/**
 * Scans the blocks of one text in increasing order. Marks are located with a native
 * regex search whose result is cached, so the text is scanned once overall.
 */
export class QuotationFinder {
  private readonly marks = /["«»‹›“”‘’]/g;
  private nextMark = -1; // first mark at or after the last position asked for
  private readonly openAt: number[] = []; // stack of open marks: positions…
  private readonly openMark: number[] = []; // …and the marks
  private readonly openCount = new Int32Array(5); // open marks of each kind, so a hopeless search is skipped
  private readonly found: Quotation[] = [];
  private readonly ends: number[] = []; // ends of the enclosing quotations, while setting depths

  constructor(
    readonly text: string,
    /** Receives the quotations, block after block, each block sorted by start. */
    readonly out: Quotation[],
  ) {}

  private markFrom(pos: number): number {
    if (pos <= this.nextMark) return this.nextMark;
    this.marks.lastIndex = pos;
    this.nextMark = this.marks.test(this.text) ? this.marks.lastIndex - 1 : this.text.length;
    return this.nextMark;
  }

  /** Adds the quotations of text[start, end); blocks must come in increasing order. */
  scan(start: number, end: number): void {
    const text = this.text;
    for (let i = this.markFrom(start); i < end; i = this.markFrom(i + 1)) {
      const c = text.charCodeAt(i);
      const prev = i > start ? text.charCodeAt(i - 1) : 0x20;
      const next = i + 1 < end ? text.charCodeAt(i + 1) : 0x20;
      switch (c) {
        case LDQUO:
        case LAQUO:
        case LSAQUO:
          this.push(i, c);
          break;
        case RDQUO:
          this.closeAt(LDQUO, i);
          break;
        case RAQUO:
          this.closeAt(LAQUO, i);
          break;
        case RSAQUO:
          this.closeAt(LSAQUO, i);
          break;
        case LSQUO:
          // Opens only after a non-letter and not before a digit (‘90s is an elision).
          if (!isWordUnit(prev) && !isDigitUnit(next)) this.push(i, c);
          break;
        case RSQUO:
          // Between two letters (Iran’s) or after a space (’em, ’90s) it is an apostrophe.
          if (i > start && !isSpaceUnit(prev) && !(isWordUnit(prev) && isWordUnit(next))) this.closeAt(LSQUO, i);
          break;
        case QUOT: {
          const closes = i > start && !isSpaceUnit(prev);
          const opens = opensAfter(prev) && !isSpaceUnit(next);
          const index = closes || opens ? this.indexOf(QUOT) : -1;
          if (index >= 0 && closes) this.close(index, i);
          else if (opens) {
            // With one already open, that one was stray (e.g. 6'2"): start over from here.
            if (index >= 0) this.truncate(index);
            this.push(i, c);
          }
          break;
        }
      }
    }
    if (this.openAt.length > 0) this.truncate(0);
    if (this.found.length > 0) this.flush();
  }

  private push(at: number, mark: number): void {
    this.openAt.push(at);
    this.openMark.push(mark);
    this.openCount[slotOf(mark)]!++;
  }

  private truncate(length: number): void {
    const marks = this.openMark;
    for (let i = length; i < marks.length; i++) this.openCount[slotOf(marks[i]!)]!--;
    this.openAt.length = length;
    marks.length = length;
  }

  /**
   * Index of the innermost open `mark` on the stack, or -1. Every caller that gets an index
   * truncates the stack there, so the scan costs amortized O(1).
   */
  private indexOf(mark: number): number {
    if (this.openCount[slotOf(mark)] === 0) return -1;
    const marks = this.openMark;
    for (let i = marks.length - 1; i >= 0; i--) if (marks[i] === mark) return i;
    return -1;
  }

  private closeAt(openMark: number, at: number): void {
    const index = this.indexOf(openMark);
    if (index >= 0) this.close(index, at);
  }

  /** Closes the mark at stack `index` with the mark at `at`, dropping marks opened after it. */
  private close(index: number, at: number): void {
    const kind = kindOf(this.openMark[index]!);
    this.found.push({ start: this.openAt[index]!, end: at + 1, depth: 0, kind });
    this.truncate(index);
  }

  /** Moves the block's quotations (nested or disjoint, in closing order) to `out`, sorted, with depths. */
  private flush(): void {
    const found = this.found;
    if (found.length > 1) found.sort((a, b) => a.start - b.start);
    const ends = this.ends;
    for (const q of found) {
      while (ends.length > 0 && ends[ends.length - 1]! <= q.start) ends.pop();
      q.depth = ends.length;
      ends.push(q.end);
      this.out.push(q);
    }
    ends.length = 0;
    found.length = 0;
  }
}

/** Appends the quotations of text[start, end) to `out` (sorted by start, depth from 0 in the block). */
export function findQuotations(text: string, start: number, end: number, out: Quotation[]): void {
  new QuotationFinder(text, out).scan(start, end);
}
