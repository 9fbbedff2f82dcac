/** The host name of a URL, lower-cased, without userinfo, port or a leading `www.`; '' when there is none. */
export function siteOf(url: string): string {
  const scheme = url.indexOf('://');
  let start = scheme >= 0 ? scheme + 3 : url.startsWith('//') ? 2 : 0;
  let end = url.length;
  for (let i = start; i < url.length; i++) {
    const c = url.charCodeAt(i);
    if (c === 0x2f || c === 0x3f || c === 0x23 || c === 0x5c || c <= 0x20) {
      end = i; // / ? # \ or whitespace
      break;
    }
  }
  const at = url.lastIndexOf('@', end - 1);
  if (at >= start) start = at + 1;
  let host = url.slice(start, end);
  if (!host.startsWith('[')) {
    const colon = host.indexOf(':');
    if (colon >= 0) host = host.slice(0, colon);
  } else {
    const close = host.indexOf(']');
    if (close >= 0) host = host.slice(0, close + 1);
  }
  host = host.toLowerCase();
  if (host.endsWith('.')) host = host.slice(0, -1);
  return host.startsWith('www.') ? host.slice(4) : host;
}
