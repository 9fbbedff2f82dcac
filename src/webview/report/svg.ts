/** SVG elements built like ../dom's `h`: attributes one by one (never `on…`), strings as text nodes. */
const NS = 'http://www.w3.org/2000/svg';

export function s(tag: string, attrs: Record<string, string | number | undefined> = {}, ...children: Array<Node | string | null | undefined>): SVGElement {
  const el = document.createElementNS(NS, tag) as SVGElement;
  for (const [name, value] of Object.entries(attrs)) {
    if (/^on/i.test(name)) throw new Error(`refusing to set the event-handler attribute ${name}`);
    if (value !== undefined) el.setAttribute(name, String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined) continue;
    el.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return el;
}

/** A hover text for an SVG element. */
export const tip = (text: string) => s('title', {}, text);
