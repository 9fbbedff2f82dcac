/**
 * Turns a dateline such as `10:27 PM EST, Thu January 25, 2024`, `January 25, 2024`,
 * `2024-01-25` or `25 janvier 2024 à 14h30` into ISO 8601: `2024-01-25T22:27:00-05:00`,
 * a date alone as `2024-01-25`, a time without a known zone without offset. Null when
 * no complete, valid date is found.
 */

const MONTHS: Record<string, number> = {
  january: 1, jan: 1, february: 2, feb: 2, march: 3, mar: 3, april: 4, apr: 4, may: 5, june: 6, jun: 6,
  july: 7, jul: 7, august: 8, aug: 8, september: 9, sep: 9, sept: 9, october: 10, oct: 10,
  november: 11, nov: 11, december: 12, dec: 12,
  janvier: 1, janv: 1, février: 2, fevrier: 2, févr: 2, fevr: 2, mars: 3, avril: 4, avr: 4, mai: 5,
  juin: 6, juillet: 7, juil: 7, août: 8, aout: 8, septembre: 9, octobre: 10, novembre: 11,
  décembre: 12, decembre: 12, déc: 12,
};

const ZONES: Record<string, string> = {
  est: '-05:00', edt: '-04:00', cst: '-06:00', cdt: '-05:00', mst: '-07:00', mdt: '-06:00',
  pst: '-08:00', pdt: '-07:00', utc: 'Z', gmt: 'Z', z: 'Z', cet: '+01:00', cest: '+02:00', bst: '+01:00',
};

/** Words that carry no date information. */
const FILLERS = new Set([
  'mon', 'monday', 'tue', 'tues', 'tuesday', 'wed', 'wednesday', 'thu', 'thur', 'thurs', 'thursday',
  'fri', 'friday', 'sat', 'saturday', 'sun', 'sunday', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi',
  'samedi', 'dimanche', 'at', 'on', 'the', 'of', 'updated', 'published', 'le', 'à', 'a', 'mis', 'jour',
  'publié', 'publie', 'et', 'h', '|', '-', '–', '—',
]);

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?)?$/i;
const TIME = /^(\d{1,2})(?:[:h.](\d{2}))?(?::(\d{2}))?(am|pm|a\.m\.|p\.m\.)?$/i;
const MERIDIEM = /^(am|pm|a\.m\.|p\.m\.)$/i;

interface Parts {
  year?: number;
  month?: number;
  day?: number;
  hour?: number;
  minute?: number;
  second?: number;
  meridiem?: 'am' | 'pm';
  zone?: string;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function setOnce<K extends keyof Parts>(parts: Parts, key: K, value: Parts[K]): boolean {
  if (parts[key] !== undefined) return false;
  parts[key] = value;
  return true;
}

const normalize = (token: string): string => {
  const lower = token.toLowerCase();
  return lower.endsWith('.') && !MERIDIEM.test(lower) ? lower.slice(0, -1) : lower;
};

/** Reads token `i` into `parts`; false when it contradicts what was read already. */
function readToken(tokens: string[], i: number, parts: Parts): boolean {
  const word = normalize(tokens[i]!);
  if (FILLERS.has(word)) return true;
  const month = MONTHS[word];
  if (month !== undefined) return setOnce(parts, 'month', month);
  const zone = ZONES[word];
  if (zone !== undefined) return setOnce(parts, 'zone', zone);
  if (MERIDIEM.test(word)) return setOnce(parts, 'meridiem', word.startsWith('a') ? 'am' : 'pm');
  if (/^\d{4}$/.test(word)) return setOnce(parts, 'year', Number(word));
  const number = /^(\d{1,2})(?:er|st|nd|rd|th)?$/.exec(word);
  if (number) {
    const next = tokens[i + 1];
    if (next !== undefined && MERIDIEM.test(normalize(next))) return setTime(parts, Number(number[1]), 0, 0);
    return setOnce(parts, 'day', Number(number[1]));
  }
  const time = TIME.exec(word);
  if (time && (time[2] !== undefined || time[4] !== undefined)) {
    if (time[4] !== undefined && !setOnce(parts, 'meridiem', time[4].startsWith('a') ? 'am' : 'pm')) return false;
    return setTime(parts, Number(time[1]), Number(time[2] ?? 0), Number(time[3] ?? 0));
  }
  return !/^\d+$/.test(word); // an extra number is ambiguous; unknown words (e.g. zone names) are ignored
}

function setTime(parts: Parts, hour: number, minute: number, second: number): boolean {
  if (parts.hour !== undefined) return false;
  parts.hour = hour;
  parts.minute = minute;
  parts.second = second;
  return true;
}

function isoFromParts(p: Parts): string | null {
  const { year, month, day } = p;
  if (year === undefined || month === undefined || day === undefined) return null;
  if (day < 1 || day > daysInMonth(year, month)) return null;
  const date = `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
  if (p.hour === undefined) return date;
  let hour = p.hour;
  if (p.meridiem !== undefined) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (p.meridiem === 'pm' ? 12 : 0);
  }
  const minute = p.minute ?? 0;
  const second = p.second ?? 0;
  if (hour > 23 || minute > 59 || second > 59) return null;
  return `${date}T${pad(hour)}:${pad(minute)}:${pad(second)}${p.zone ?? ''}`;
}

function isoFromIsoForm(m: RegExpExecArray): string | null {
  const parts: Parts = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  if (parts.month! < 1 || parts.month! > 12) return null;
  if (m[4] !== undefined) {
    parts.hour = Number(m[4]);
    parts.minute = Number(m[5]);
    parts.second = m[6] === undefined ? 0 : Number(m[6]);
    const zone = m[7];
    if (zone !== undefined) {
      parts.zone = zone.toUpperCase() === 'Z' ? 'Z' : zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone;
    }
  }
  return isoFromParts(parts);
}

/** The ISO 8601 form of a dateline, or null. */
export function datelineToIso(text: string): string | null {
  const trimmed = text.trim();
  if (trimmed.length === 0 || trimmed.length > 200) return null;
  const iso = ISO_DATE.exec(trimmed);
  if (iso) return isoFromIsoForm(iso);
  const parts: Parts = {};
  const tokens = trimmed.split(/[\s,]+/).filter((t) => t.length > 0);
  for (let i = 0; i < tokens.length; i++) if (!readToken(tokens, i, parts)) return null;
  if (parts.month === undefined) return null;
  return isoFromParts(parts);
}
