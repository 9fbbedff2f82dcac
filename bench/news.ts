/**
 * Original news-like prose for the benches: invented people, places and organisations, numbers
 * (money, percentages, counts, dates, votes), quotations with attributions, and several kinds
 * of paragraph (lede, quotation, figures, background, reaction, attribution, update). Phrases
 * are assembled from large pools so that, as in real articles, most sentences are unique while
 * the common news formulas ("said in a statement", "according to") recur.
 * Every paragraph comes with its sentence and quotation spans. Deterministic for a given Random.
 */
import type { Random } from './prng';

const FIRST = (
  'Amara Tobias Helena Rafael Ingrid Kwame Sofia Declan Mei Oskar Lucia Anil Marguerite Idris Freya Mateo ' +
  'Yusuf Clara Bogdan Nkechi Henrik Priya Aldous Rosalind Jonah Elif Dmitri Maeve Tariq Beatriz Lars Wren ' +
  'Nasrin Cormac Alejandra Felix Hana Emeka Greta Ravi Ottilie Samir Imogen Thandiwe Piotr Lena Caspian Noor ' +
  'Viktor Zainab Leopold Ines Quentin Aiyana Ruairi Selin Bruno Keiko Gideon Marisol Eamon Talia'
).split(' ');
const LAST = (
  'Okonkwo Vasquez Lindqvist Moreau Haddad Brennan Nakamura Petrov Achterberg Oyelaran Castellano Mbeki ' +
  'Fairweather Rourke Sandoval Kowalczyk Adeyemi Thorne Iqbal Delacroix Marchetti Halvorsen Osei Perrin ' +
  'Whitcombe Zhou Abernathy Quispe Dubois Ferreira Gallagher Hoshino Ivanova Jablonski Kariuki Lombardi ' +
  'Mensah Novak Ortega Pemberton Rasmussen Szabo Tanaka Underwood Varga Wojcik Yilmaz Ashworth Bianchi ' +
  'Coelho Demir Eriksen Fonseca Grieve Hollis Jovanovic Kerrigan Lachance Mwangi'
).split(' ');
const TOWN_HEADS = 'Ash Kells Brom Dun Har Lin Mar Nor Old Pen Red Stan Thorn Wex Whit Ayl Cran Ebb Fal Glen Holm Lark Mill Quarry Rook Sel Tarn Wyn'.split(' ');
const TOWN_TAILS = 'ford mouth bury wick field haven stead ton bridge port combe ley moor hurst water gate well thorpe by dale'.split(' ');
const ROLES = [
  'the mayor', 'a city councillor', 'the county executive', 'the state treasurer', 'a spokesperson for the ministry',
  'the chief executive of the port authority', 'an economist at the regional bank', 'the head of the teachers’ union',
  'a professor of public health', 'the district attorney', 'the fire chief', 'a senior engineer on the project',
  'the chair of the planning committee', 'a tenant organiser', 'the hospital’s medical director', 'the transport secretary',
  'a lawyer for the residents', 'the company’s finance director', 'a local shop owner', 'the police commissioner',
  'a climate scientist', 'the school board president', 'a farmer', 'the opposition leader', 'an auditor',
];
const ORGS = [
  'the Department of Transportation', 'the county council', 'the regional water authority', 'the state auditor’s office',
  'the port authority', 'the health ministry', 'the teachers’ union', 'the chamber of commerce', 'the planning commission',
  'the electricity regulator', 'the housing trust', 'the national weather service', 'the court of appeals',
  'the environmental agency', 'the transit board', 'the university hospital', 'the fisheries council', 'the election commission',
  'Harbour Freight Ltd', 'Northgate Energy', 'the Meridian Group', 'Calder & Finch Builders', 'the Tidewater Cooperative',
];
const PEOPLE_GROUPS = [
  'residents', 'officials', 'analysts', 'parents', 'commuters', 'nurses', 'shop owners', 'farmers', 'tenants', 'investors',
  'lawmakers', 'engineers', 'fishermen', 'students', 'volunteers', 'inspectors', 'voters', 'drivers', 'doctors', 'economists',
];
const VERBS = [
  'approved', 'rejected', 'announced', 'postponed', 'proposed', 'criticised', 'defended', 'unveiled', 'suspended', 'scrapped',
  'revised', 'endorsed', 'delayed', 'expanded', 'challenged', 'funded', 'blocked', 'reviewed', 'cancelled', 'renewed',
];
const THINGS = [
  'a plan to widen the coastal bypass', 'the new bus network', 'a contract to dredge the harbour', 'the school meals programme',
  'a proposal to raise parking fees', 'the flood defence scheme', 'plans for a second runway', 'the rent stabilisation ordinance',
  'a bid to close the maternity ward', 'the budget for road repairs', 'a pilot scheme for free childcare', 'the sale of the old mill site',
  'a ban on overnight freight', 'the merger of two rural clinics', 'an audit of the pension fund', 'the wind farm permit',
  'a curfew for the night market', 'the rebuilding of the footbridge', 'a levy on holiday lets', 'the water pipe replacement',
  'a study of air quality near schools', 'the tram extension', 'a cap on ambulance waiting times', 'the library’s opening hours',
];
const CLAUSES = [
  'after a three-hour hearing', 'despite objections from tenants’ groups', 'citing rising construction costs',
  'following months of negotiations', 'amid a dispute over funding', 'in a narrow vote', 'without public consultation',
  'after inspectors found cracks in the concrete', 'as waiting lists grew', 'under pressure from the state government',
  'to the surprise of many observers', 'weeks before the election', 'after a court ruling in their favour',
  'while the investigation continues', 'in response to last winter’s storms', 'because of a shortage of drivers',
];
const WHEN = [
  'on Monday', 'on Tuesday', 'on Wednesday', 'on Thursday', 'on Friday', 'over the weekend', 'last week', 'earlier this month',
  'late on Sunday', 'this morning', 'in a statement on Thursday', 'at a news conference', 'during a budget meeting',
];
const MEASURES = ['The cost', 'The deficit', 'Spending on maintenance', 'The average fare', 'The number of complaints', 'The waiting list', 'Revenue from the levy', 'The estimated bill'];
const UNITS = ['households', 'jobs', 'patients', 'homes', 'passengers', 'pupils', 'businesses', 'tonnes of waste', 'vehicles', 'beds'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const QUOTE_OPENERS = [
  'We have', 'This is', 'Nobody here', 'I think', 'The truth is that we', 'Frankly, the council', 'What people want is',
  'Our members', 'If you ask me, they', 'The numbers show that we', 'I have never seen', 'We will not', 'Families in this town',
  'The report makes clear that', 'It is too early to say whether', 'Every year we', 'My concern is that', 'There is no doubt that',
];
const QUOTE_MIDDLES = [
  'been waiting for this for a decade', 'not going to accept a plan that ignores them', 'asked for answers and got none',
  'spent more on consultants than on repairs', 'a turning point for the whole region', 'lost patience with the delays',
  'need a decision before the winter', 'been told one thing and then another', 'cannot keep paying for other people’s mistakes',
  'underestimated how much this would cost', 'seen a project handled this badly', 'be the last to know',
  'deserve better than a temporary fix', 'the money was spent as promised', 'done everything the inspectors asked',
  'heard nothing from the ministry since March', 'put safety ahead of the timetable', 'the first step, not the last',
];
const QUOTE_TAILS = [
  '', '', ' and we will keep saying so', ', and that worries me', ' for the people who live here', ' in the long run',
  ', whatever the minister says', ' by any measure', ', to be honest', ' this time',
];
const SCARE = [
  'twice as dense', 'a temporary measure', 'unacceptable', 'in the public interest', 'a wake-up call', 'not fit for purpose', 'on track', 'a last resort',
  'a betrayal', 'long overdue', 'a sticking plaster', 'reckless', 'the best of a bad job', 'an insult to taxpayers', 'a step in the right direction', 'pure theatre',
];
const CUES = ['said', 'said', 'said', 'told reporters', 'added', 'wrote in a letter', 'said in an interview', 'warned'];
const BACKGROUND = [
  'first proposed in', 'put on hold in', 'approved in principle in', 'promised in the manifesto of', 'the subject of a lawsuit since',
  'last reviewed in', 'funded by a grant awarded in',
];
const EFFECTS = [
  'would affect', 'could cost', 'has already displaced', 'is expected to serve', 'would save', 'left without power', 'employs',
];

const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

export class NewsWriter {
  private readonly people: string[] = [];
  private readonly towns: string[] = [];

  constructor(private readonly rng: Random) {
    for (let i = 0; i < 6; i++) this.people.push(`${rng.pick(FIRST)} ${rng.pick(LAST)}`);
    for (let i = 0; i < 3; i++) this.towns.push(rng.pick(TOWN_HEADS) + rng.pick(TOWN_TAILS));
  }

  person(): string {
    return this.rng.pick(this.people);
  }
  surname(): string {
    return this.person().split(' ')[1]!;
  }
  town(): string {
    return this.rng.pick(this.towns);
  }

  money(): string {
    const r = this.rng;
    const unit = r.pick(['million', 'million', 'billion', 'thousand']);
    const value = unit === 'thousand' ? String(r.int(12, 950)) : `${r.int(1, 48)}${r.chance(0.6) ? `.${r.int(1, 9)}` : ''}`;
    return `${r.pick(['$', '$', '€', '£'])}${value} ${unit}`;
  }
  percent(): string {
    return `${this.rng.int(2, 68)}${this.rng.chance(0.4) ? `.${this.rng.int(1, 9)}` : ''} percent`;
  }
  count(): string {
    const n = this.rng.int(12, 48_000);
    return `${n.toLocaleString('en-US')} ${this.rng.pick(UNITS)}`;
  }
  date(): string {
    return `${this.rng.pick(MONTHS)} ${this.rng.int(1, 28)}, ${this.rng.int(2015, 2025)}`;
  }
  subject(): string {
    const r = this.rng.next();
    if (r < 0.35) return cap(this.rng.pick(ORGS));
    if (r < 0.65) return `${this.person()}, ${this.rng.pick(ROLES)},`;
    return cap(this.rng.pick(PEOPLE_GROUPS));
  }

  /** A plain declarative sentence (with its final punctuation). */
  statement(): string {
    const r = this.rng;
    const roll = r.next();
    if (roll < 0.3) return `${this.subject()} ${r.pick(VERBS)} ${r.pick(THINGS)} ${r.pick(WHEN)}, ${r.pick(CLAUSES)}.`;
    if (roll < 0.5) return `${cap(r.pick(THINGS))} ${r.pick(EFFECTS)} ${r.chance(0.5) ? this.count() : this.money()} in ${this.town()}, according to ${r.pick(ORGS)}.`;
    if (roll < 0.58) return `${r.pick(MEASURES)} has ${r.pick(['risen', 'fallen', 'grown', 'dropped'])} by ${this.percent()} since ${this.date()}, to ${this.money()}.`;
    if (roll < 0.62) return `Work on ${r.pick(THINGS)} is scheduled to begin in ${r.pick(MONTHS)} and last ${r.int(3, 40)} months.`;
    if (roll < 0.65) return `${cap(r.pick(ORGS))} ${r.pick(['did not respond to a request for comment', 'has until ' + this.date() + ' to appeal', 'said it would publish its findings in ' + r.pick(MONTHS)])}.`;
    if (roll < 0.78) return `${cap(r.pick(THINGS))}, ${r.pick(BACKGROUND)} ${r.int(2009, 2024)}, was ${r.pick(VERBS)} ${r.pick(CLAUSES)}.`;
    if (roll < 0.88) return `The ${r.pick(['council', 'board', 'committee', 'panel'])} voted ${r.int(4, 11)} to ${r.int(0, 4)} ${r.pick(WHEN)} to ${r.pick(['approve', 'delay', 'reject', 'fund', 'review'])} ${r.pick(THINGS)}.`;
    return `About ${this.count()} in ${this.town()} ${r.pick(['were affected', 'signed the petition', 'will be eligible', 'lost access', 'were surveyed'])}, ${r.pick(CLAUSES)}.`;
  }

  /** The words inside a quotation, without marks or final punctuation. */
  quoteBody(): string {
    const r = this.rng;
    let s = `${r.pick(QUOTE_OPENERS)} ${r.pick(QUOTE_MIDDLES)}${r.pick(QUOTE_TAILS)}`;
    if (r.chance(0.25)) s += `. ${r.pick(QUOTE_OPENERS)} ${r.pick(QUOTE_MIDDLES)}`;
    if (r.chance(0.12)) s = s.replace(/ (a|the) /, ` ‘${r.pick(SCARE)}’ $1 `);
    return s;
  }
}

export interface Piece {
  text: string;
  /** Sentence and quotation spans, relative to `text`. */
  sentences: Array<[number, number]>;
  quotations: Array<[number, number]>;
}

/** Builds a paragraph sentence by sentence, recording the spans. */
class ParagraphBuilder implements Piece {
  text = '';
  sentences: Array<[number, number]> = [];
  quotations: Array<[number, number]> = [];

  sentence(parts: ReadonlyArray<string | { quote: string }>): void {
    if (this.text) this.text += ' ';
    const start = this.text.length;
    for (const part of parts) {
      if (typeof part === 'string') {
        this.text += part;
      } else {
        const q = this.text.length;
        this.text += `“${part.quote}”`;
        this.quotations.push([q, this.text.length]);
      }
    }
    this.sentences.push([start, this.text.length]);
  }
}

export type ParagraphKind = 'lede' | 'quote' | 'figures' | 'background' | 'reaction' | 'attribution' | 'update';

/** One paragraph of the given kind. */
export function paragraph(w: NewsWriter, rng: Random, kind: ParagraphKind): Piece {
  const p = new ParagraphBuilder();
  switch (kind) {
    case 'lede':
      p.sentence([w.statement()]);
      if (rng.chance(0.5)) p.sentence([w.statement()]);
      break;
    case 'quote': {
      const cue = rng.pick(CUES);
      const roll = rng.next();
      if (roll < 0.45) p.sentence([{ quote: `${w.quoteBody()},` }, ` ${cue} ${w.person()}, ${rng.pick(ROLES)}.`]);
      else if (roll < 0.75) p.sentence([{ quote: `${w.quoteBody()},` }, ` ${w.surname()} ${cue}.`]);
      else p.sentence([`${w.person()}, ${rng.pick(ROLES)}, ${cue}: `, { quote: `${w.quoteBody()}.` }]);
      if (rng.chance(0.4)) p.sentence([{ quote: `${w.quoteBody()}.` }]);
      break;
    }
    case 'figures':
      p.sentence([w.statement()]);
      p.sentence([`That compares with ${w.money()} in ${rng.int(2012, 2023)}, when ${w.count()} were ${rng.pick(['counted', 'registered', 'on the waiting list', 'served'])}.`]);
      if (rng.chance(0.5)) p.sentence([`Turnout was ${w.percent()}, ${rng.pick(['the lowest', 'the highest', 'roughly the same as'])} since ${w.date()}.`]);
      break;
    case 'background':
      p.sentence([w.statement()]);
      p.sentence([w.statement()]);
      if (rng.chance(0.4)) p.sentence([w.statement()]);
      break;
    case 'reaction': {
      const scare = { quote: rng.pick(SCARE) };
      const group = rng.pick(PEOPLE_GROUPS);
      const forms: Array<Array<string | { quote: string }>> = [
        [`Some ${group} called the decision `, scare, `, while others said it was ${rng.pick(['overdue', 'a fair compromise', 'rushed', 'the only option'])}.`],
        [`${cap(group)} in ${w.town()} described ${rng.pick(THINGS)} as `, scare, '.'],
        ['Critics dismissed the figures as ', scare, `, but ${rng.pick(ORGS)} stood by them.`],
        [`At a meeting ${rng.pick(WHEN)}, ${w.person()} said the delay was `, scare, ` and asked for an inquiry.`],
        [`The phrase `, scare, ` appeared on placards outside ${rng.pick(['the town hall', 'the courthouse', 'the port offices', 'the ministry'])}.`],
      ];
      p.sentence(rng.pick(forms));
      if (rng.chance(0.5)) p.sentence([w.statement()]);
      break;
    }
    case 'attribution':
      p.sentence([`According to ${rng.pick(ORGS)}, ${w.count()} ${rng.pick(['could be affected', 'were moved', 'remain without service', 'applied'])} ${rng.pick(WHEN)}.`]);
      if (rng.chance(0.5)) p.sentence([`A spokesperson for ${w.person()} declined to comment.`]);
      break;
    case 'update':
      p.sentence([`Update, ${w.date()}: ${w.statement()}`]);
      break;
  }
  return p;
}

const BODY_KINDS: ParagraphKind[] = ['quote', 'quote', 'quote', 'quote', 'figures', 'background', 'background', 'reaction', 'attribution'];

/** Body paragraphs of about `length` characters in total: a lede, then a mix of kinds. */
export function article(rng: Random, length: number): Piece[] {
  const w = new NewsWriter(rng);
  const out: Piece[] = [paragraph(w, rng, 'lede')];
  let size = out[0]!.text.length;
  while (size < length) {
    const p = paragraph(w, rng, rng.pick(BODY_KINDS));
    out.push(p);
    size += p.text.length + 5;
  }
  return out;
}

export { cap as capitalise };
