import type { LocalizedText } from '../domain/common';
import type { Activity } from '../domain/entities/activity';
import type { ActivityDetails } from '../domain/entities/activityDetails';
import type { Approval } from '../domain/entities/approval';
import type { Document } from '../domain/entities/document';
import type { EntityType } from '../domain/entities/entityTypes';
import type { FieldReport } from '../domain/entities/fieldReport';
import type { Budget, Transaction } from '../domain/entities/finance';
import type { Organization } from '../domain/entities/organization';
import type { ParticipatingOrganization, Participation } from '../domain/entities/participation';
import type { Person } from '../domain/entities/person';
import type { AnyRecord } from '../domain/entities/registry';
import type { Indicator, IndicatorPeriod, Result } from '../domain/entities/results';
import type { TechnologyMatch, TechnologyNeed, TechnologyOffer } from '../domain/entities/technologyTransfer';
import { countries, type CountryCode } from '../domain/taxonomy/countries';
import type { ActivityKind } from '../domain/taxonomy/modalities';
import type { OrganizationType } from '../domain/taxonomy/organizationTypes';
import type { PriorityAreaCode } from '../domain/taxonomy/priorityAreas';
import type { ActivityStatus, PersonRole, UserRole } from '../domain/taxonomy/roles';
import {
  activityDocuments,
  approveComments,
  descriptionTemplates,
  equipmentByArea,
  fill,
  intellectualPropertyTerms,
  narrativesEn,
  narrativesLocal,
  photoCaptions,
  policyDeliverables,
  researchLineSuffixes,
  resultTemplates,
  returnComments,
  titleTemplates,
  type IndicatorTemplate,
  type TextContext,
} from './activityTexts';
import { DAY_MS, dayFromYmd, dayOf, isoDay, isoInstant, yearOfDay } from './calendar';
import { DemoIdFactory, fakeSha256 } from './ids';
import { mailPart, personName } from './names';
import { generateOrganization, keyOrganizations } from './organizations';
import { aseanCodes, countryProfiles, type City } from './places';
import { Random } from './random';
import { capitalize, policyTopics, technologyTopics, topAreaOf, type TitleLanguage, type Topic } from './topics';

export type DemoMix = 'program' | 'activities';

export interface DemoOptions {
  /** Exactly how many records to yield. */
  records: number;
  /** Same seed (and same `now` and `records`) → the same records, ids included. Default 1. */
  seed?: number;
  /** The present: dates run from 2012 to here (a few planned ones beyond). Default: the current time. */
  now?: Date;
  /** 'program': every entity type in plausible proportions; 'activities': activities only. Default 'program'. */
  mix?: DemoMix;
}

/**
 * Streams realistic, valid program records: every record passes `anyRecordSchema`, and every record
 * another one refers to comes earlier in the stream. Memory stays small whatever `records` is: only
 * short lists of recent ids are kept to refer back to.
 */
export function* generateDemoRecords(options: DemoOptions): Generator<AnyRecord, void, undefined> {
  const { records } = options;
  if (!Number.isSafeInteger(records) || records < 0) throw new RangeError(`records must be a non-negative integer, got ${records}`);
  const seed = options.seed ?? 1;
  if (!Number.isFinite(seed)) throw new RangeError(`seed must be a finite number, got ${seed}`);
  const now = options.now ?? new Date();
  if (Number.isNaN(now.getTime())) throw new RangeError('now must be a valid date');
  const world = new DemoWorld(Math.trunc(seed), now, records, options.mix ?? 'program');
  let emitted = 0;
  while (emitted < records) {
    const record = world.take();
    yield record;
    emitted += 1;
  }
}

// ---------------------------------------------------------------------------------------------------

type Sex = 'female' | 'male';

interface OrgRef {
  id: string;
  country: CountryCode;
  type: OrganizationType;
  nameEn: string;
  slug: string;
  createdMs: number;
}

interface PersonRef {
  id: string;
  country: CountryCode;
  sex: Person['sex'];
  romanized: string;
  createdMs: number;
}

interface ActivityRef {
  id: string;
  country: CountryCode;
  topic: Topic;
  city: City;
  createdMs: number;
}

interface TopicRef {
  id: string;
  topic: Topic;
  country: CountryCode;
  postedDay: number;
  createdMs: number;
}

interface MatchRef {
  id: string;
  topic: Topic;
  statusDay: number;
  createdMs: number;
}

/** What the records of one activity need to know about it. */
interface ActivityPlan {
  id: string;
  kind: ActivityKind;
  createdMs: number;
  updatedMs: number;
  /** The ASEAN country the activity is in (for CN-hosted ones: the first ASEAN participant). */
  asean: CountryCode;
  hostedInChina: boolean;
  countries: CountryCode[];
  city: City;
  topic: Topic;
  status: ActivityStatus;
  plannedStart: number;
  plannedEnd: number | undefined;
  actualStart: number | undefined;
  actualEnd: number | undefined;
  currency: string;
  totalCny: number;
  cnFunder?: OrgRef;
  cnImplementer?: OrgRef;
  aseanImplementer?: OrgRef;
  aseanAuthority?: OrgRef;
  capacity: number;
  durationDays: number;
  indicators: { id: string; template: IndicatorTemplate }[];
  /** The volunteer or fellow the activity is about, registered just before it. */
  lead?: { person: PersonRef; role: PersonRole };
  trainees: { completed: number; female: number; male: number; byCountry: Map<CountryCode, number> };
}

/** A fixed-size list of the most recent items. */
class Ring<T> {
  private items: T[] = [];
  private next = 0;
  constructor(private readonly size: number) {}
  add(item: T): void {
    if (this.items.length < this.size) this.items.push(item);
    else {
      this.items[this.next] = item;
      this.next = (this.next + 1) % this.size;
    }
  }
  get length(): number {
    return this.items.length;
  }
  pick(random: Random): T | undefined {
    return this.items.length === 0 ? undefined : random.pick(this.items);
  }
  find(predicate: (item: T) => boolean, random: Random): T | undefined {
    const start = random.int(0, Math.max(0, this.items.length - 1));
    for (let i = 0; i < this.items.length; i += 1) {
      const item = this.items[(start + i) % this.items.length]!;
      if (predicate(item)) return item;
    }
    return undefined;
  }
}

const kindWeights: Record<ActivityKind, number> = {
  'training-course': 20,
  'joint-research-project': 16,
  'task-force-mission': 9,
  'volunteer-assignment': 7,
  fellowship: 8,
  'joint-lab': 6,
  'training-center': 3,
  'science-park': 3,
  'technology-transfer-match': 6,
  'forum-event': 5,
  'policy-consultancy': 8,
  // (weights need not sum to 100)
};
const kinds = Object.keys(kindWeights) as ActivityKind[];
const kindWeightList = kinds.map((k) => kindWeights[k]);

const topicWeight = (topic: Topic): number => {
  const top = topAreaOf(topic.area);
  if (top === 'tech/agriculture') return 3;
  if (top === 'tech/health' || top === 'tech/water' || top === 'tech/environment-energy' || top === 'tech/it' || top === 'tech/food') return 1.6;
  return 1;
};
const techTopicWeights = technologyTopics.map(topicWeight);
const parkTopics = technologyTopics.filter((t) => /^tech\/(agriculture|environment-energy|it|manufacturing|food)/.test(t.area));

const countryLabel = new Map(countries.map((c) => [c.code as CountryCode, c.label]));
const aseanWeights = aseanCodes.map((code) => countryProfiles[code].activityWeight);
const perCny = new Map(Object.values(countryProfiles).map((p) => [p.currency, p.perCny]));

const positions: Record<PersonRole, readonly string[]> = {
  trainee: ['Research Assistant', 'Agricultural Extension Officer', 'Laboratory Technician', 'Lecturer', 'Engineer', 'Junior Researcher', 'Provincial Officer', 'Field Technician'],
  expert: ['Professor', 'Senior Engineer', 'Research Fellow', 'Associate Professor', 'Chief Agronomist', 'Director of Research'],
  volunteer: ['Technology Volunteer', 'Agronomist', 'Engineer'],
  staff: ['Program Officer', 'Project Coordinator', 'Finance Officer', 'Deputy Director-General', 'International Cooperation Officer'],
  fellow: ['Postdoctoral Fellow', 'Visiting Scholar', 'Lecturer'],
  researcher: ['Researcher', 'Senior Researcher', 'Assistant Professor', 'Research Scientist'],
};
const femaleShare: Record<PersonRole, number> = { trainee: 0.46, expert: 0.28, volunteer: 0.35, staff: 0.55, fellow: 0.45, researcher: 0.4 };

const periodComments = [
  'Figures from attendance sheets.',
  'Delayed by the rainy season; catching up next period.',
  'Includes participants who joined online.',
  'Provisional; to be confirmed by the partner institution.',
  'Counted from the partner’s annual report.',
];
const matchNotes = [
  'Site visit arranged at the seeker’s premises.',
  'Price and training terms under discussion.',
  'Seeker asked for a pilot before purchase.',
  'Matched at the China-ASEAN Technology Transfer and Collaborative Innovation Conference.',
  'Provider to send a Chinese-English technical dossier.',
];
const offerTitles: readonly [(t: string) => string, (t: string) => string][] = [
  [(t) => `Proven technology: ${t}`, (t) => `${t}技术`],
  [(t) => `Turnkey solution: ${t}`, (t) => `${t}整体解决方案`],
  [(t) => `Low-cost equipment: ${t}`, (t) => `${t}低成本设备`],
  [(t) => `Mature technology package: ${t}`, (t) => `${t}成套技术`],
];
const needTitles: readonly [(t: string) => string, (t: string) => string][] = [
  [(t) => `Technology sought: ${t}`, (t) => `寻求${t}技术`],
  [(t) => `Looking for partners: ${t}`, (t) => `${t}技术需求`],
  [(t) => `Partner wanted: ${t}`, (t) => `寻找${t}合作伙伴`],
];
const needTitlesLocal: Partial<Record<TitleLanguage, (t: string) => string>> = {
  th: (t) => `ต้องการเทคโนโลยีด้าน${t}`,
  vi: (t) => `Nhu cầu công nghệ về ${t}`,
  id: (t) => `Kebutuhan teknologi ${t}`,
  ms: (t) => `Keperluan teknologi ${t}`,
  km: (t) => `តម្រូវការបច្ចេកវិទ្យាផ្នែក${t}`,
  lo: (t) => `ຄວາມຕ້ອງການເຕັກໂນໂລຊີດ້ານ${t}`,
  my: (t) => `${t} နည်းပညာလိုအပ်ချက်`,
  pt: (t) => `Necessidade de tecnologia de ${t}`,
};

/** Indicative total budget of one activity, in CNY, by kind. */
const budgetRange: Record<ActivityKind, readonly [number, number]> = {
  'training-course': [200_000, 800_000],
  'task-force-mission': [150_000, 500_000],
  'volunteer-assignment': [80_000, 200_000],
  'training-center': [2_000_000, 8_000_000],
  fellowship: [100_000, 250_000],
  'joint-research-project': [1_000_000, 5_000_000],
  'joint-lab': [3_000_000, 15_000_000],
  'science-park': [5_000_000, 30_000_000],
  'technology-transfer-match': [200_000, 1_000_000],
  'forum-event': [500_000, 3_000_000],
  'policy-consultancy': [200_000, 1_000_000],
};

const durationDays: Record<ActivityKind, readonly [number, number]> = {
  'training-course': [5, 21],
  'task-force-mission': [10, 45],
  'volunteer-assignment': [90, 365],
  'training-center': [3 * 365, 5 * 365],
  fellowship: [90, 365],
  'joint-research-project': [540, 3 * 365],
  'joint-lab': [3 * 365, 5 * 365],
  'science-park': [4 * 365, 8 * 365],
  'technology-transfer-match': [180, 540],
  'forum-event': [1, 3],
  'policy-consultancy': [90, 365],
};

const OPEN_ENDED: ReadonlySet<ActivityKind> = new Set(['training-center', 'joint-lab', 'science-park']);
const FIELD_KINDS: ReadonlySet<ActivityKind> = new Set([
  'task-force-mission',
  'volunteer-assignment',
  'training-course',
  'joint-research-project',
  'joint-lab',
  'science-park',
  'training-center',
  'technology-transfer-match',
]);

class DemoWorld {
  private readonly random: Random;
  private readonly ids: DemoIdFactory;
  private readonly nowMs: number;
  private readonly nowDay: number;
  private readonly startDay: number;
  private readonly queue: AnyRecord[] = [];
  private head = 0;
  private emitted = 0;
  private readonly counts = new Map<EntityType, number>();
  private bootstrapped = false;

  private readonly orgs = new Map<CountryCode, OrgRef[]>();
  private readonly orgNames = new Set<string>();
  private readonly people = new Map<CountryCode, Ring<PersonRef>>();
  private readonly trainingCenters = new Map<CountryCode, Ring<ActivityRef>>();
  private readonly jointLabs = new Map<CountryCode, Ring<ActivityRef>>();
  private readonly offers = new Ring<TopicRef>(300);
  private readonly needs = new Ring<TopicRef>(300);
  private readonly matches = new Ring<MatchRef>(150);
  private readonly forumEditions = new Map<string, number>();
  private certificateSeq = 0;
  private iatiSeq = 0;

  constructor(
    seed: number,
    now: Date,
    private readonly total: number,
    private readonly mix: DemoMix,
  ) {
    this.random = new Random(seed);
    this.ids = new DemoIdFactory(new Random(seed ^ 0x2545f491), seed);
    this.nowMs = now.getTime();
    this.nowDay = dayOf(this.nowMs);
    this.startDay = Math.min(dayFromYmd(2012, 1, 1), this.nowDay - 730);
  }

  /** The next record; generates more when the queue runs dry. */
  take(): AnyRecord {
    while (this.head >= this.queue.length) {
      this.queue.length = 0;
      this.head = 0;
      this.produce();
    }
    const record = this.queue[this.head]!;
    this.queue[this.head] = undefined as unknown as AnyRecord; // let it be collected
    this.head += 1;
    this.emitted += 1;
    this.counts.set(record.entity, (this.counts.get(record.entity) ?? 0) + 1);
    return record;
  }

  private count(entity: EntityType): number {
    return this.counts.get(entity) ?? 0;
  }

  private produce(): void {
    if (this.mix === 'activities') {
      this.activityCluster(false);
      return;
    }
    if (!this.bootstrapped) {
      this.bootstrapped = true;
      for (const org of keyOrganizations) this.organization(org.country, org);
      return;
    }
    const t = this.emitted;
    const orgTarget = 40 + 0.015 * Math.min(t, 200_000) + 0.002 * Math.max(0, t - 200_000);
    if (this.count('organization') < orgTarget) return this.organization(this.pickOrgCountry());
    if (this.count('technologyOffer') < 0.006 * t) return this.technologyOffer();
    if (this.count('technologyNeed') < 0.006 * t) return this.technologyNeed();
    if (this.count('technologyMatch') < 0.004 * t && this.offers.length > 0 && this.needs.length > 0) return this.technologyMatch();
    this.activityCluster(true);
  }

  // --- time -----------------------------------------------------------------------------------------

  /** The day the stream has reached: it walks from 2012 to now as records are produced, denser lately. */
  private cursorDay(): number {
    const p = this.total <= 1 ? 1 : Math.min(1, this.emitted / this.total);
    return Math.round(this.startDay + (this.nowDay - this.startDay) * p ** 0.85);
  }

  /** A moment during office hours in South-East Asia on `day`, never after now. */
  private instant(day: number): number {
    const ms = Math.min(day, this.nowDay) * DAY_MS + this.random.int(1, 10 * 3600) * 1000 + this.random.int(0, 999);
    return Math.min(ms, this.nowMs);
  }

  /** createdAt/updatedAt strings: created on `createdDay`, last updated on `updatedDay` (not before creation). */
  private stamps(createdMs: number, updatedDay?: number): { createdAt: string; updatedAt: string } {
    const updatedMs = updatedDay === undefined ? createdMs : Math.max(createdMs, this.instant(updatedDay));
    return { createdAt: isoInstant(createdMs), updatedAt: isoInstant(updatedMs) };
  }

  private clampDay(day: number): number {
    return Math.min(day, this.nowDay);
  }

  // --- organizations and people ---------------------------------------------------------------------

  private pickOrgCountry(): CountryCode {
    return this.random.chance(0.3) ? 'CN' : this.random.weighted(aseanCodes, aseanWeights);
  }

  private organization(country: CountryCode, fixed?: (typeof keyOrganizations)[number]): void {
    let generated = fixed ? undefined : generateOrganization(this.random, country);
    for (let attempt = 0; generated && attempt < 12 && this.orgNames.has(`${country}:${generated.name.en}`); attempt += 1) {
      generated = generateOrganization(this.random, country);
    }
    const name: LocalizedText = fixed ? fixed.name : generated!.name;
    const type = fixed ? fixed.type : generated!.type;
    const acronym = fixed ? fixed.acronym : generated!.acronym;
    const city = fixed ? fixed.city : generated!.city.en;
    this.orgNames.add(`${country}:${name.en}`);

    const day = fixed ? this.startDay - this.random.int(60, 120) : this.clampDay(this.cursorDay() - this.random.int(0, 60));
    const createdMs = this.instant(day);
    const id = this.ids.next(createdMs);
    const initials = (name.en ?? city).split(/[\s-]+/).map((word) => mailPart(word).slice(0, 1)).join('');
    const slug = `${(acronym ?? initials).toLowerCase().replace(/[^a-z0-9]/g, '') || 'org'}-${country.toLowerCase()}`;
    const list = this.orgs.get(country) ?? [];
    const parent = !fixed && (type === 'public-research-institute' || type === 'training-institution') && this.random.chance(0.15)
      ? list.find((o) => o.type === 'government-ministry' || o.type === 'university')
      : undefined;
    const record: Organization = {
      entity: 'organization',
      id,
      ...this.stamps(createdMs, this.random.chance(0.3) ? this.clampDay(day + this.random.int(10, 900)) : undefined),
      name,
      type,
      country,
      city,
    };
    if (acronym) record.acronym = acronym;
    if (parent) record.parentId = parent.id;
    if (fixed && type === 'government-ministry' && this.random.chance(0.5)) record.iatiIdentifier = `${country}-GOV-${acronym ?? 'ST'}`;
    if (this.random.chance(0.4)) record.website = `https://www.${slug}.example`;
    if (this.random.chance(0.3)) record.email = `info@${slug}.example`;
    if (this.random.chance(0.35)) record.phone = this.phone(country);
    this.queue.push(record);
    list.push({ id, country, type, nameEn: name.en ?? city, slug, createdMs });
    this.orgs.set(country, list);
  }

  private org(country: CountryCode, types: readonly OrganizationType[]): OrgRef | undefined {
    const list = this.orgs.get(country);
    if (!list || list.length === 0) return undefined;
    for (let attempt = 0; attempt < 8; attempt += 1) {
      const candidate = this.random.pick(list);
      if (types.includes(candidate.type)) return candidate;
    }
    return list.find((o) => types.includes(o.type)) ?? this.random.pick(list);
  }

  private phone(country: CountryCode): string {
    const digits = () => String(this.random.int(100, 999));
    return `${countryProfiles[country].callingCode} ${this.random.int(2, 98)} ${digits()} ${digits()}${this.random.int(0, 9)}`;
  }

  /** A new person; `day` is when they were registered. */
  private person(country: CountryCode, role: PersonRole, day: number, activityYear: number): PersonRef {
    const random = this.random;
    const roll = random.next();
    const sex: Sex | 'unspecified' = roll < 0.01 ? 'unspecified' : roll < 0.01 + femaleShare[role] * 0.99 ? 'female' : 'male';
    const name = personName(random, country, sex === 'unspecified' ? (random.chance(0.5) ? 'female' : 'male') : sex);
    const createdMs = this.instant(this.clampDay(day));
    const id = this.ids.next(createdMs);
    const organization = random.chance(0.85)
      ? this.org(country, role === 'trainee' || role === 'staff' ? ['university', 'public-research-institute', 'government-ministry', 'local-government', 'training-institution'] : ['university', 'public-research-institute', 'enterprise'])
      : undefined;
    const roles: PersonRole[] = [role];
    if (random.chance(0.1)) roles.push(role === 'researcher' ? 'expert' : 'researcher');
    const record: Person = {
      entity: 'person',
      id,
      ...this.stamps(createdMs, random.chance(0.2) ? day + random.int(1, 400) : undefined),
      sex,
      country,
      roles,
    };
    // Now and then an officer types only the Latin form (the schema needs one of the two).
    if (random.chance(0.97) || name.native === name.romanized) {
      record.nameNative = name.native;
      record.nameNativeLanguage = name.nativeLanguage;
    }
    record.nameRomanized = name.romanized;
    if (random.chance(0.7)) {
      const age = role === 'trainee' || role === 'fellow' ? random.int(24, 45) : random.int(32, 66);
      record.birthYear = activityYear - age;
    }
    if (random.chance(0.9)) record.nationality = country;
    if (organization) record.organizationId = organization.id;
    record.position = random.pick(positions[role]);
    if (random.chance(0.45)) {
      const local = [mailPart(name.givenRomanized), mailPart(name.familyRomanized)].filter(Boolean).join('.') || 'contact';
      record.email = `${local}${random.chance(0.3) ? random.int(1, 99) : ''}@${organization?.slug ?? `mail-${country.toLowerCase()}`}.example`;
    }
    if (random.chance(0.3)) record.phone = this.phone(country);
    this.queue.push(record);
    const ref: PersonRef = { id, country, sex, romanized: name.romanized, createdMs };
    if (role !== 'trainee') {
      let ring = this.people.get(country);
      if (!ring) this.people.set(country, (ring = new Ring<PersonRef>(400)));
      ring.add(ref);
    }
    return ref;
  }

  /** An experienced person of `country`: someone already registered, or a new one. */
  private professional(country: CountryCode, role: PersonRole, day: number, year: number, reuse: number): PersonRef {
    const known = this.random.chance(reuse) ? this.people.get(country)?.pick(this.random) : undefined;
    return known ?? this.person(country, role, day, year);
  }

  // --- technology transfer --------------------------------------------------------------------------

  private pickTechTopic(): Topic {
    return this.random.weighted(technologyTopics, techTopicWeights);
  }

  private technologyOffer(): void {
    const random = this.random;
    const country: CountryCode = random.chance(0.75) ? 'CN' : random.pick(['SG', 'MY', 'TH', 'VN', 'ID'] as const);
    const provider = this.org(country, ['enterprise', 'public-research-institute', 'university']);
    if (!provider) return this.activityCluster(true);
    const topic = this.pickTechTopic();
    const postedDay = this.clampDay(this.cursorDay() - random.int(0, 30));
    const createdMs = Math.max(this.instant(postedDay), provider.createdMs);
    const [en, zh] = random.pick(offerTitles);
    const title: LocalizedText = { en: capitalize(en(topic.text.en)), zh: zh(topic.text.zh) };
    const provinces = random.int(2, 12);
    const record: TechnologyOffer = {
      entity: 'technologyOffer',
      id: this.ids.next(createdMs),
      ...this.stamps(createdMs, random.chance(0.3) ? postedDay + random.int(5, 300) : undefined),
      title,
      description: random.chance(0.85)
        ? {
            en: `Proven in ${provinces} provinces since ${yearOfDay(postedDay) - random.int(1, 6)}. Suitable for small and medium enterprises; installation, training and after-sales service provided.`,
            zh: `已在${provinces}个省份推广应用，适合中小企业，提供安装、培训和售后服务。`,
          }
        : {},
      providerOrganizationId: provider.id,
      country,
      priorityAreas: [topic.area],
      readinessLevel: random.weighted([5, 6, 7, 8, 9], [1, 2, 3, 3, 2]),
      postedOn: isoDay(postedDay),
    };
    if (random.chance(0.85)) record.intellectualProperty = random.weighted(['patented', 'patent-pending', 'know-how', 'open'] as const, [4, 2, 3, 1]);
    this.queue.push(record);
    this.offers.add({ id: record.id, topic, country, postedDay, createdMs });
  }

  private technologyNeed(): void {
    const random = this.random;
    const country = random.weighted(aseanCodes, aseanWeights);
    const seeker = this.org(country, ['enterprise', 'local-government', 'public-research-institute', 'university', 'government-ministry']);
    if (!seeker) return this.activityCluster(true);
    const topic = this.pickTechTopic();
    const postedDay = this.clampDay(this.cursorDay() - random.int(0, 30));
    const createdMs = Math.max(this.instant(postedDay), seeker.createdMs);
    const [en, zh] = random.pick(needTitles);
    const title: LocalizedText = { en: capitalize(en(topic.text.en)) };
    const language = countryProfiles[country].titleLanguage;
    const local = language ? needTitlesLocal[language] : undefined;
    if (language && local) title[language] = capitalize(local(topic.text[language]));
    if (random.chance(0.4)) title.zh = zh(topic.text.zh);
    const record: TechnologyNeed = {
      entity: 'technologyNeed',
      id: this.ids.next(createdMs),
      ...this.stamps(createdMs, random.chance(0.3) ? postedDay + random.int(5, 300) : undefined),
      title,
      description: random.chance(0.8)
        ? { en: `We are looking for a partner to introduce ${topic.text.en} at ${random.int(2, 5)} pilot sites, with training for our technicians.` }
        : {},
      seekerOrganizationId: seeker.id,
      country,
      priorityAreas: [topic.area],
      postedOn: isoDay(postedDay),
    };
    this.queue.push(record);
    this.needs.add({ id: record.id, topic, country, postedDay, createdMs });
  }

  private technologyMatch(): void {
    const random = this.random;
    const offer = this.offers.pick(random)!;
    const top = topAreaOf(offer.topic.area);
    const need = this.needs.find((n) => topAreaOf(n.topic.area) === top, random) ?? this.needs.pick(random)!;
    const from = Math.max(offer.postedDay, need.postedDay);
    const statusDay = this.clampDay(from + random.int(10, 240));
    const createdMs = Math.max(this.instant(statusDay), offer.createdMs, need.createdMs);
    const status = random.weighted(['proposed', 'contacted', 'negotiating', 'agreed', 'dropped'] as const, [25, 25, 20, 20, 10]);
    const record: TechnologyMatch = {
      entity: 'technologyMatch',
      id: this.ids.next(createdMs),
      ...this.stamps(createdMs),
      offerId: offer.id,
      needId: need.id,
      status,
      statusDate: isoDay(statusDay),
    };
    const broker = random.chance(0.7) ? this.people.get('CN')?.pick(random) : undefined;
    if (broker) record.brokerPersonId = broker.id;
    if (random.chance(0.5)) record.notes = random.pick(matchNotes);
    this.queue.push(record);
    if (status === 'agreed' || status === 'negotiating') this.matches.add({ id: record.id, topic: offer.topic, statusDay, createdMs });
  }

  // --- activities -----------------------------------------------------------------------------------

  private activityCluster(withRelated: boolean): void {
    const random = this.random;
    let kind = random.weighted(kinds, kindWeightList);
    const match = kind === 'technology-transfer-match' && withRelated ? this.matches.pick(random) : undefined;
    if (kind === 'technology-transfer-match' && withRelated && !match) kind = 'joint-research-project';

    // Dates first: they decide the status, and the status decides which related records exist.
    const future = random.chance(0.04);
    let plannedStart = future ? this.nowDay + random.int(10, 400) : Math.max(this.startDay, this.cursorDay() + random.int(-45, 45));
    if (plannedStart > this.nowDay && !future) plannedStart = this.nowDay - random.int(0, 30);
    const year = yearOfDay(plannedStart);

    // Where: an ASEAN country (Timor-Leste only in recent years), sometimes hosted in China.
    let asean = random.weighted(aseanCodes, aseanWeights);
    while (countryProfiles[asean].since > year) asean = random.weighted(aseanCodes, aseanWeights);
    const hostedInChina = kind === 'fellowship' || (kind === 'training-course' && random.chance(0.3)) || (kind === 'forum-event' && random.chance(0.5));
    const hostCountry: CountryCode = hostedInChina ? 'CN' : asean;
    const hostProfile = countryProfiles[hostCountry];
    const city = hostedInChina && kind !== 'fellowship' ? (random.chance(0.6) ? hostProfile.cities[0]! : random.pick(hostProfile.cities)) : random.pick(hostProfile.cities);

    const countrySet: CountryCode[] = hostedInChina && kind !== 'fellowship' ? ['CN', asean] : [asean, 'CN'];
    const eligible = aseanCodes.filter((c) => countryProfiles[c].since <= year && c !== asean);
    if ((kind === 'training-course' || kind === 'forum-event') && (hostedInChina || random.chance(0.4))) {
      for (const extra of random.sample(eligible, kind === 'forum-event' ? random.int(3, 9) : random.int(1, 5))) countrySet.push(extra);
    } else if (kind === 'joint-research-project' && random.chance(0.1)) {
      countrySet.push(random.pick(eligible));
    }

    // What about.
    let topic: Topic;
    if (kind === 'policy-consultancy') topic = random.pick(policyTopics);
    else if (kind === 'science-park') topic = random.chance(0.1) ? policyTopics[3]! : random.pick(parkTopics);
    else if (kind === 'technology-transfer-match' && match) topic = match.topic;
    else if ((kind === 'training-course' && random.chance(0.15)) || (kind === 'forum-event' && random.chance(0.2))) topic = random.pick(policyTopics);
    else topic = this.pickTechTopic();
    const areas: PriorityAreaCode[] = [topic.area];
    if (kind === 'technology-transfer-match' && random.chance(0.3)) areas.push('policy/innovation-support');
    if (kind === 'science-park' && topic.area !== 'policy/science-parks' && random.chance(0.4)) areas.push('policy/science-parks');

    // When, and how far it got.
    const [minDays, maxDays] = durationDays[kind];
    const duration = random.int(minDays, maxDays);
    const openEnded = OPEN_ENDED.has(kind) && random.chance(0.15);
    const plannedEnd = openEnded ? undefined : plannedStart + duration - 1;
    let status: ActivityStatus;
    let actualStart: number | undefined;
    let actualEnd: number | undefined;
    if (plannedStart > this.nowDay) {
      status = random.chance(0.05) ? 'cancelled' : 'pipeline';
    } else if (random.chance(0.03)) {
      status = 'cancelled';
    } else {
      // Short activities keep their length when they start late; long ones also run over (or finish early).
      const short = duration <= 60;
      actualStart = Math.min(this.nowDay, Math.max(this.startDay, plannedStart + (short ? random.int(-3, 10) : random.int(-3, 45))));
      const actualDuration = short ? duration : Math.max(30, duration + random.int(-10, 90));
      const expectedEnd = plannedEnd === undefined ? undefined : actualStart + actualDuration - 1;
      if (expectedEnd !== undefined && expectedEnd < this.nowDay) {
        actualEnd = expectedEnd;
        status = this.nowDay - actualEnd < 150 && random.chance(0.5) ? 'finalisation' : 'closed';
        if (random.chance(0.02)) {
          status = 'suspended';
          actualEnd = undefined;
        }
      } else {
        status = random.chance(0.03) ? 'suspended' : 'implementation';
      }
    }

    // Record-keeping: entered a little before it starts (or recently, for plans), updated as it runs.
    const createdDay = this.clampDay(plannedStart > this.nowDay ? this.nowDay - random.int(0, 120) : plannedStart - random.int(7, 120));
    const createdMs = this.instant(Math.max(this.startDay - 60, createdDay));
    const lastEvent = actualEnd ?? (actualStart !== undefined ? this.nowDay - random.int(0, 200) : createdDay + random.int(0, 60));
    const updatedMs = Math.max(createdMs, this.instant(this.clampDay(Math.max(createdDay, lastEvent) + random.int(0, 30))));
    const id = this.ids.next(createdMs);

    const [minBudget, maxBudget] = budgetRange[kind];
    const plan: ActivityPlan = {
      id,
      kind,
      createdMs,
      updatedMs,
      asean,
      hostedInChina,
      countries: countrySet,
      city,
      topic,
      status,
      plannedStart,
      plannedEnd,
      actualStart,
      actualEnd,
      currency: random.chance(0.9) ? 'CNY' : 'USD',
      totalCny: Math.round(random.float(minBudget, maxBudget) / 1000) * 1000,
      capacity: kind === 'training-course' ? random.int(12, 30) : 0,
      durationDays: duration,
      indicators: [],
      trainees: { completed: 0, female: 0, male: 0, byCountry: new Map() },
    };

    // People the activity's own fields point at come first.
    const c = { year, duration };
    if (withRelated) {
      plan.cnFunder = this.random.chance(0.7) ? this.org('CN', ['government-ministry']) : this.org('CN', ['local-government']);
      plan.cnImplementer = this.org('CN', ['university', 'public-research-institute', 'enterprise']);
      plan.aseanImplementer = this.org(asean, ['university', 'public-research-institute', 'training-institution', 'enterprise', 'science-park']);
      plan.aseanAuthority = this.org(asean, ['government-ministry', 'local-government']);
    }
    const details = this.details(plan, withRelated, match, c);

    const record = this.activityRecord(plan, details, areas, year);
    this.queue.push(record);
    const ref: ActivityRef = { id, country: asean, topic, city, createdMs };
    if (kind === 'training-center') this.ringFor(this.trainingCenters, asean).add(ref);
    if (kind === 'joint-lab') this.ringFor(this.jointLabs, asean).add(ref);
    if (!withRelated) return;

    this.participatingOrganizations(plan);
    if (status !== 'cancelled' || random.chance(0.3)) this.budgets(plan);
    if (actualStart !== undefined) this.transactions(plan);
    this.participations(plan);
    if (status !== 'cancelled') this.results(plan);
    this.activityDocuments(plan);
    if (actualStart !== undefined && FIELD_KINDS.has(kind) && !(kind === 'training-course' && hostedInChina)) this.fieldReports(plan);
    if (status !== 'pipeline') this.approvals(plan, 'activity', plan.id, createdMs, true);
  }

  private ringFor(map: Map<CountryCode, Ring<ActivityRef>>, country: CountryCode): Ring<ActivityRef> {
    let ring = map.get(country);
    if (!ring) map.set(country, (ring = new Ring<ActivityRef>(40)));
    return ring;
  }

  private details(plan: ActivityPlan, withRelated: boolean, match: MatchRef | undefined, c: { year: number; duration: number }): ActivityDetails {
    const random = this.random;
    const topicEn = capitalize(plan.topic.text.en);
    const day = plan.createdMs / DAY_MS;
    const cityCountry = plan.hostedInChina ? 'CN' : plan.asean;
    const location = `${plan.city.en}, ${countryLabel.get(cityCountry)!.en}`;
    switch (plan.kind) {
      case 'policy-consultancy': {
        const authority = plan.aseanAuthority;
        const d: ActivityDetails = { kind: 'policy-consultancy', policyTopics: [plan.topic.area], deliverables: random.pick(policyDeliverables) };
        if (random.chance(0.8)) d.counterpartAgency = authority ? authority.nameEn : `S&T authority of ${countryLabel.get(plan.asean)!.en}`;
        return d;
      }
      case 'task-force-mission': {
        const d: ActivityDetails = {
          kind: 'task-force-mission',
          expertCount: random.int(3, 8),
          missionDays: Math.max(1, c.duration),
          technicalDomain: topicEn,
        };
        if (plan.aseanImplementer) d.hostOrganizationId = plan.aseanImplementer.id;
        if (withRelated && random.chance(0.8)) {
          const leader = this.professional('CN', 'expert', day, c.year, 0.6);
          d.missionLeader = `Prof. ${leader.romanized}`;
        }
        return d;
      }
      case 'volunteer-assignment': {
        const d: ActivityDetails = { kind: 'volunteer-assignment', field: topicEn, durationMonths: Math.max(1, Math.round(c.duration / 30)) };
        if (withRelated) {
          const volunteer = this.person('CN', 'volunteer', Math.floor(day), c.year);
          plan.lead = { person: volunteer, role: 'volunteer' };
          d.volunteerPersonId = volunteer.id;
          if (plan.aseanImplementer) d.hostOrganizationId = plan.aseanImplementer.id;
        }
        return d;
      }
      case 'training-center': {
        const d: ActivityDetails = { kind: 'training-center', location, trainingFields: [topicEn] };
        if (random.chance(0.5)) d.trainingFields.push(capitalize(random.pick(technologyTopics).text.en));
        if (plan.aseanImplementer) d.hostOrganizationId = plan.aseanImplementer.id;
        return d;
      }
      case 'training-course': {
        const mode = c.year >= 2020 && c.year <= 2021 ? random.weighted(['online', 'blended', 'in-person'] as const, [6, 2, 2]) : random.weighted(['in-person', 'blended', 'online'] as const, [85, 8, 7]);
        const d: ActivityDetails = {
          kind: 'training-course',
          deliveryMode: mode,
          venue: mode === 'online' ? 'Online (video conference)' : location,
          courseLanguage: random.chance(0.8) ? 'en' : 'zh',
          capacity: plan.capacity,
          durationDays: c.duration,
        };
        const center = !plan.hostedInChina && random.chance(0.6) ? this.trainingCenters.get(plan.asean)?.pick(random) : undefined;
        if (center) d.trainingCenterId = center.id;
        return d;
      }
      case 'fellowship': {
        const d: ActivityDetails = { kind: 'fellowship', researchTopic: topicEn, durationMonths: Math.max(1, Math.round(c.duration / 30)) };
        if (withRelated) {
          const fellow = this.person(plan.asean, 'fellow', Math.floor(day), c.year);
          plan.lead = { person: fellow, role: 'fellow' };
          d.fellowPersonId = fellow.id;
          const host = this.org('CN', ['university', 'public-research-institute']);
          if (host) d.hostInstitutionId = host.id;
        }
        return d;
      }
      case 'joint-research-project': {
        const d: ActivityDetails = {
          kind: 'joint-research-project',
          objectives: `Develop and test ${plan.topic.text.en} adapted to conditions in ${countryLabel.get(plan.asean)!.en}, and train young researchers on both sides.`,
        };
        if (plan.cnImplementer) d.chineseLeadOrganizationId = plan.cnImplementer.id;
        if (plan.aseanImplementer) d.aseanLeadOrganizationId = plan.aseanImplementer.id;
        if (random.chance(0.6)) d.intellectualProperty = random.pick(intellectualPropertyTerms);
        return d;
      }
      case 'joint-lab': {
        const area = topAreaOf(plan.topic.area);
        const d: ActivityDetails = {
          kind: 'joint-lab',
          researchLines: [topicEn, capitalize(random.pick(researchLineSuffixes))],
          equipment: random.sample(equipmentByArea[area] ?? [], random.int(1, 3)),
        };
        if (plan.actualStart !== undefined) d.establishedOn = isoDay(plan.actualStart);
        if (plan.cnImplementer) d.chineseHostId = plan.cnImplementer.id;
        if (plan.aseanImplementer) d.aseanHostId = plan.aseanImplementer.id;
        return d;
      }
      case 'science-park': {
        const d: ActivityDetails = {
          kind: 'science-park',
          zoneType: random.chance(0.5) ? 'demonstration-zone' : 'science-park',
          location,
          areaHectares: random.int(20, 1500),
          technologiesDemonstrated: [topicEn],
        };
        if (plan.actualStart !== undefined) d.enterprisesHosted = random.int(0, 60);
        return d;
      }
      case 'technology-transfer-match': {
        const d: ActivityDetails = { kind: 'technology-transfer-match', sector: capitalize(plan.topic.text.en) };
        if (match) d.matchId = match.id;
        return d;
      }
      case 'forum-event': {
        const key = plan.topic.area;
        const edition = (this.forumEditions.get(key) ?? 0) + 1;
        this.forumEditions.set(key, edition);
        const format = c.year >= 2020 && c.year <= 2021 ? 'online' : random.weighted(['in-person', 'hybrid', 'online'] as const, [70, 25, 5]);
        return { kind: 'forum-event', format, venue: format === 'online' ? 'Online' : location, edition: String(edition), expectedAttendance: random.int(100, 800) };
      }
    }
  }

  private activityRecord(plan: ActivityPlan, details: ActivityDetails, areas: PriorityAreaCode[], year: number): Activity {
    const random = this.random;
    const edition = details.kind === 'forum-event' ? Number(details.edition) : 1;
    const hostName = plan.hostedInChina && plan.kind !== 'fellowship' ? 'CN' : plan.asean;
    const months = Math.max(1, Math.round(plan.durationDays / 30));
    const base = { year, edition, zone: details.kind === 'science-park' && details.zoneType === 'demonstration-zone', days: plan.durationDays, months, years: Math.max(1, Math.round(plan.durationDays / 365)) };
    const count = plan.kind === 'training-course' ? plan.capacity : details.kind === 'task-force-mission' ? (details.expertCount ?? 5) : random.int(4, 12);
    const label = countryLabel.get(plan.asean)!;
    const en: TextContext = { ...base, topic: plan.topic.text.en, country: label.en, countryRef: englishReference(label.en), china: 'China', city: plan.city.en, count };
    const zh: TextContext = { ...base, topic: plan.topic.text.zh, country: label.zh, countryRef: label.zh, china: '中国', city: plan.city.zh, count };
    const title: LocalizedText = { en: titleTemplates[plan.kind].en(en), zh: titleTemplates[plan.kind].zh(zh) };
    // The host country's language, when the activity is in one ASEAN country (or is a fellow's).
    const localLanguage = countryProfiles[plan.asean].titleLanguage;
    const single = plan.countries.length === 2 || plan.kind === 'fellowship';
    if (localLanguage && localLanguage !== 'zh' && single && random.chance(0.75)) {
      const profile = countryProfiles[plan.asean];
      const city = hostName === 'CN' ? plan.city.zh : plan.city.local;
      title[localLanguage] = titleTemplates[plan.kind][localLanguage]({ ...base, topic: plan.topic.text[localLanguage], country: profile.localName, countryRef: profile.localName, china: profile.localChina, city, count });
    }
    const description: LocalizedText = random.chance(0.9) ? { en: descriptionTemplates[plan.kind].en(en), zh: descriptionTemplates[plan.kind].zh(zh) } : {};
    const record: Activity = {
      entity: 'activity',
      id: plan.id,
      createdAt: isoInstant(plan.createdMs),
      updatedAt: isoInstant(plan.updatedMs),
      title,
      description,
      details,
      status: plan.status,
      countries: plan.countries,
      priorityAreas: areas,
      plannedStart: isoDay(plan.plannedStart),
      defaultCurrency: plan.currency,
    };
    if (plan.plannedEnd !== undefined) record.plannedEnd = isoDay(plan.plannedEnd);
    if (plan.actualStart !== undefined) record.actualStart = isoDay(plan.actualStart);
    if (plan.actualEnd !== undefined) record.actualEnd = isoDay(plan.actualEnd);
    if (details.kind === 'training-course' && details.trainingCenterId) record.parentId = details.trainingCenterId;
    else if (plan.kind === 'joint-research-project' && random.chance(0.3)) {
      const lab = this.jointLabs.get(plan.asean)?.find((l) => topAreaOf(l.topic.area) === topAreaOf(plan.topic.area), random);
      if (lab) record.parentId = lab.id;
    }
    if (random.chance(0.3)) {
      this.iatiSeq += 1;
      record.iatiIdentifier = `CN-MOST-STEP-${year}-${String(this.iatiSeq).padStart(5, '0')}`;
    }
    return record;
  }

  // --- what hangs off an activity ---------------------------------------------------------------------

  private childStamp(plan: ActivityPlan, day: number): number {
    return Math.max(plan.createdMs, this.instant(this.clampDay(day)));
  }

  private participatingOrganizations(plan: ActivityPlan): void {
    const entries: [OrgRef | undefined, ParticipatingOrganization['role'], ParticipatingOrganization['side']][] = [
      [plan.cnFunder, 'funding', 'chinese'],
      [plan.cnImplementer, 'implementing', 'chinese'],
      [plan.aseanImplementer, 'implementing', 'asean'],
    ];
    if (this.random.chance(0.45)) entries.push([plan.aseanAuthority, 'accountable', 'asean']);
    if (this.random.chance(0.08)) entries.push([this.org('ID', ['multilateral', 'foundation']), 'extending', 'third-party']);
    const day = Math.floor(plan.createdMs / DAY_MS);
    for (const [org, role, side] of entries) {
      if (!org) continue;
      const createdMs = this.childStamp(plan, day + this.random.int(0, 5));
      const record: ParticipatingOrganization = {
        entity: 'participatingOrganization',
        id: this.ids.next(createdMs),
        ...this.stamps(createdMs),
        activityId: plan.id,
        organizationId: org.id,
        role,
        side,
      };
      this.queue.push(record);
    }
  }

  /** `amountCny` in `currency`, rounded the way people write such amounts. */
  private money(amountCny: number, currency: string): { amount: number; currency: string } {
    const rate = currency === 'USD' ? 0.14 : (perCny.get(currency) ?? 1);
    const raw = amountCny * rate;
    const step = raw >= 10_000_000 ? 100_000 : raw >= 1_000_000 ? 1000 : raw >= 10_000 ? 100 : 1;
    return { amount: Math.max(step, Math.round(raw / step) * step), currency };
  }

  private budgets(plan: ActivityPlan): void {
    const random = this.random;
    const end = plan.plannedEnd ?? plan.plannedStart + 3 * 365 - 1;
    const firstYear = yearOfDay(plan.plannedStart);
    const lastYear = Math.min(yearOfDay(end), firstYear + 1);
    const years = lastYear - firstYear + 1;
    const source = random.weighted(['chinese-government', 'non-governmental', 'asean-partner'] as const, [85, 5, 10]);
    const currency = source === 'asean-partner' ? countryProfiles[plan.asean].currency : plan.currency;
    for (let y = firstYear; y <= lastYear; y += 1) {
      const start = Math.max(plan.plannedStart, dayFromYmd(y, 1, 1));
      const stop = Math.min(end, dayFromYmd(y, 12, 31));
      const createdMs = this.childStamp(plan, Math.floor(plan.createdMs / DAY_MS) + random.int(0, 20));
      const value = this.money((plan.totalCny / years) * random.float(0.8, 1.2), currency);
      const record: Budget = {
        entity: 'budget',
        id: this.ids.next(createdMs),
        ...this.stamps(createdMs),
        activityId: plan.id,
        periodStart: isoDay(start),
        periodEnd: isoDay(stop),
        value,
        status: plan.actualStart !== undefined ? 'committed' : 'indicative',
        budgetType: 'original',
        source,
      };
      this.queue.push(record);
      if (y === firstYear && random.chance(0.12)) {
        const revisedMs = this.childStamp(plan, start + random.int(30, 200));
        this.queue.push({
          ...record,
          id: this.ids.next(revisedMs),
          ...this.stamps(revisedMs),
          value: { amount: Math.round(value.amount * random.float(0.85, 1.2)), currency },
          budgetType: 'revised',
        });
      }
    }
  }

  private transactions(plan: ActivityPlan): void {
    const random = this.random;
    const start = plan.actualStart!;
    const end = Math.min(plan.actualEnd ?? this.nowDay, this.nowDay);
    const span = Math.max(0, end - start);
    const on = (fraction: number) => this.clampDay(start + Math.round(span * fraction));
    const push = (t: Omit<Transaction, 'entity' | 'id' | 'createdAt' | 'updatedAt' | 'activityId'>, day: number) => {
      const createdMs = this.childStamp(plan, day + random.int(0, 20));
      const record: Transaction = { entity: 'transaction', id: this.ids.next(createdMs), ...this.stamps(createdMs), activityId: plan.id, ...t };
      this.queue.push(record);
    };
    const funder = plan.cnFunder?.id;
    const implementer = plan.cnImplementer?.id;
    const withOrgs = <T extends object>(t: T, provider?: string, receiver?: string): T & { providerOrganizationId?: string; receiverOrganizationId?: string } => {
      const out: T & { providerOrganizationId?: string; receiverOrganizationId?: string } = { ...t };
      if (provider) out.providerOrganizationId = provider;
      if (receiver) out.receiverOrganizationId = receiver;
      return out;
    };

    const commitDay = Math.max(this.startDay, start - random.int(5, 60));
    push(withOrgs({ transactionType: 'incoming-commitment' as const, date: isoDay(commitDay), value: this.money(plan.totalCny, plan.currency), form: 'cash' as const, source: 'chinese-government' as const, description: 'Funding agreement signed' }, funder, implementer), commitDay);
    const tranches = span > 120 ? random.int(1, 3) : 1;
    let paid = 0;
    for (let i = 0; i < tranches; i += 1) {
      const share = i === tranches - 1 ? random.float(0.55, 1) - paid : random.float(0.2, 0.4);
      paid += share;
      if (share <= 0.01) break;
      const day = on(i / tranches);
      push(withOrgs({ transactionType: 'disbursement' as const, date: isoDay(day), value: this.money(plan.totalCny * share, plan.currency), form: 'cash' as const, source: 'chinese-government' as const, description: `Tranche ${i + 1} of ${tranches}` }, funder, implementer), day);
    }
    if (random.chance(0.6)) {
      const day = on(random.float(0.3, 1));
      push(withOrgs({ transactionType: 'expenditure' as const, date: isoDay(day), value: this.money(plan.totalCny * random.float(0.1, 0.4), plan.currency), form: 'cash' as const, source: 'chinese-government' as const, description: random.pick(['Travel and accommodation of experts', 'Equipment purchase and shipping', 'Venue, interpretation and materials', 'Consumables and field work']) }, implementer), day);
    }
    const local = countryProfiles[plan.asean].currency;
    const aseanOrg = plan.aseanImplementer?.id ?? plan.aseanAuthority?.id;
    if (random.chance(0.65)) {
      for (let i = random.int(1, 2); i > 0; i -= 1) {
        const category = random.weighted(['human-resources', 'facilities', 'equipment', 'other'] as const, [40, 30, 20, 10]);
        const day = on(random.next());
        const notes: Record<typeof category, string> = {
          'human-resources': `Staff time of ${random.int(2, 12)} researchers and technicians, valued at national salary scales`,
          facilities: 'Use of laboratory, greenhouse and meeting rooms, valued at local rental rates',
          equipment: 'Existing equipment made available to the activity, valued at depreciated cost',
          other: 'Local transport and logistics provided by the partner',
        };
        push(withOrgs({ transactionType: 'incoming-funds' as const, date: isoDay(day), value: this.money(plan.totalCny * (category === 'other' ? random.float(0.01, 0.04) : random.float(0.03, 0.15)), local), form: 'in-kind' as const, inKindCategory: category, source: 'asean-partner' as const, valuationNote: notes[category] }, aseanOrg), day);
      }
    }
    if (random.chance(0.12)) {
      const day = on(random.next());
      push(withOrgs({ transactionType: 'incoming-funds' as const, date: isoDay(day), value: this.money(plan.totalCny * random.float(0.05, 0.2), local), form: 'cash' as const, source: 'asean-partner' as const, description: 'Counterpart funding from the national budget' }, plan.aseanAuthority?.id), day);
    }
    if (random.chance(0.1)) {
      const day = on(random.next());
      const sponsor = this.org(random.chance(0.5) ? 'CN' : plan.asean, ['enterprise', 'foundation']);
      push(withOrgs({ transactionType: 'incoming-funds' as const, date: isoDay(day), value: this.money(plan.totalCny * random.float(0.03, 0.15), 'USD'), form: 'cash' as const, source: 'non-governmental' as const, description: 'Co-funding from a private partner' }, sponsor?.id), day);
    }
  }

  private participations(plan: ActivityPlan): void {
    const random = this.random;
    const year = yearOfDay(plan.plannedStart);
    const enrolDay = Math.floor(plan.createdMs / DAY_MS) + random.int(0, 20);
    const add = (person: PersonRef, role: PersonRole) => this.participation(plan, person, role);
    const cn = (role: PersonRole, reuse: number) => this.professional('CN', role, enrolDay, year, reuse);
    const local = (role: PersonRole, reuse: number) => this.professional(plan.asean, role, enrolDay, year, reuse);
    switch (plan.kind) {
      case 'training-course': {
        const aseanCountries = plan.countries.filter((c) => c !== 'CN');
        const n = Math.max(3, Math.round(plan.capacity * random.float(0.6, 1)));
        for (let i = 0; i < n; i += 1) {
          const country = aseanCountries.length === 1 || random.chance(0.4) ? plan.asean : random.pick(aseanCountries);
          add(this.person(country, 'trainee', enrolDay, year), 'trainee');
        }
        for (let i = random.int(1, 3); i > 0; i -= 1) add(cn('expert', 0.6), 'expert');
        return;
      }
      case 'task-force-mission':
        for (let i = random.int(3, 6); i > 0; i -= 1) add(cn('expert', 0.5), 'expert');
        if (random.chance(0.6)) add(local('staff', 0.5), 'staff');
        return;
      case 'volunteer-assignment':
      case 'fellowship':
        // The volunteer or fellow was registered with the activity; a Chinese supervisor often joins.
        if (plan.lead) add(plan.lead.person, plan.lead.role);
        if (random.chance(0.6)) add(cn('expert', 0.7), 'expert');
        return;
      case 'joint-research-project':
      case 'joint-lab':
        for (let i = random.int(2, plan.kind === 'joint-lab' ? 6 : 5); i > 0; i -= 1) add(random.chance(0.5) ? cn('researcher', 0.5) : local('researcher', 0.5), 'researcher');
        return;
      case 'forum-event':
        for (let i = random.int(2, 6); i > 0; i -= 1) {
          const country = random.chance(0.4) ? 'CN' : random.pick(plan.countries);
          const role = random.pick(['expert', 'researcher', 'staff'] as const);
          add(this.professional(country, role, enrolDay, year, 0.6), role);
        }
        return;
      case 'policy-consultancy':
        for (let i = random.int(2, 4); i > 0; i -= 1) add(cn('expert', 0.6), 'expert');
        add(local('staff', 0.5), 'staff');
        return;
      default:
        for (let i = random.int(1, 3); i > 0; i -= 1) add(random.chance(0.5) ? cn('staff', 0.5) : local('staff', 0.5), 'staff');
    }
  }

  private participation(plan: ActivityPlan, person: PersonRef, role: PersonRole): void {
    const random = this.random;
    const ended = plan.actualEnd !== undefined;
    let status: Participation['status'];
    if (plan.status === 'cancelled') status = 'withdrawn';
    else if (plan.status === 'pipeline') status = 'enrolled';
    else if (!ended) status = plan.actualStart !== undefined ? 'attending' : 'enrolled';
    else status = random.weighted(['completed', 'did-not-complete', 'withdrawn'] as const, role === 'trainee' ? [88, 7, 5] : [96, 2, 2]);
    const createdMs = Math.max(this.childStamp(plan, Math.floor(plan.createdMs / DAY_MS) + random.int(0, 25)), person.createdMs);
    const record: Participation = {
      entity: 'participation',
      id: this.ids.next(createdMs),
      ...this.stamps(createdMs, ended ? this.clampDay(plan.actualEnd! + random.int(0, 20)) : undefined),
      activityId: plan.id,
      personId: person.id,
      role,
      status,
    };
    const days = ended ? plan.actualEnd! - plan.actualStart! + 1 : undefined;
    if (status === 'completed') {
      record.completedOn = isoDay(plan.actualEnd!);
      if (days !== undefined && days <= 60) record.attendanceDays = days;
      if ((role === 'trainee' && random.chance(0.95)) || (role === 'fellow' && random.chance(0.8))) {
        this.certificateSeq += 1;
        record.certificateNumber = `STEP-${plan.kind === 'fellowship' ? 'TYS' : 'HRD'}-${yearOfDay(plan.actualEnd!)}-${String(this.certificateSeq).padStart(5, '0')}`;
      }
    } else if (status === 'did-not-complete' && days !== undefined && days <= 60) {
      record.attendanceDays = random.int(0, Math.max(0, days - 1));
    }
    this.queue.push(record);
    if (role === 'trainee' && status === 'completed') {
      const stats = plan.trainees;
      stats.completed += 1;
      const country = person.country;
      stats.byCountry.set(country, (stats.byCountry.get(country) ?? 0) + 1);
      if (person.sex === 'female') stats.female += 1;
      else stats.male += 1;
    }
  }

  private results(plan: ActivityPlan): void {
    const random = this.random;
    const templates = resultTemplates[plan.kind];
    const chosen = templates.filter((_, i) => i === 0 || random.chance(0.55));
    for (const template of chosen) {
      const createdMs = this.childStamp(plan, Math.floor(plan.createdMs / DAY_MS) + random.int(0, 30));
      const result: Result = {
        entity: 'result',
        id: this.ids.next(createdMs),
        ...this.stamps(createdMs),
        activityId: plan.id,
        resultType: template.type,
        title: { en: template.en, zh: template.zh },
        description: {},
      };
      this.queue.push(result);
      const indicators = template.indicators.filter((_, i) => i === 0 || random.chance(0.7));
      for (const indicatorTemplate of indicators) this.indicator(plan, result, indicatorTemplate);
    }
  }

  private indicator(plan: ActivityPlan, result: Result, template: IndicatorTemplate): void {
    const random = this.random;
    const createdMs = Math.max(Date.parse(result.createdAt), this.childStamp(plan, Math.floor(plan.createdMs / DAY_MS) + random.int(0, 30)));
    const disaggregations: Indicator['disaggregations'] = [];
    if (template.bySex && random.chance(0.75)) disaggregations.push('sex');
    if (template.byCountry && plan.countries.length > 2) disaggregations.push('country');
    const record: Indicator = {
      entity: 'indicator',
      id: this.ids.next(createdMs),
      ...this.stamps(createdMs),
      activityId: plan.id,
      resultId: result.id,
      title: { en: template.en, zh: template.zh },
      measure: template.measure,
      ascending: true,
      disaggregations,
    };
    if (template.unit) record.unit = template.unit;
    if (random.chance(0.3) && template.measure === 'unit') {
      record.baselineYear = yearOfDay(plan.plannedStart);
      record.baselineValue = 0;
    }
    this.queue.push(record);
    plan.indicators.push({ id: record.id, template });
    this.periods(plan, record, template);
  }

  private periods(plan: ActivityPlan, indicator: Indicator, template: IndicatorTemplate): void {
    const random = this.random;
    const start = plan.actualStart ?? plan.plannedStart;
    const end = plan.actualEnd ?? plan.plannedEnd ?? Math.max(this.nowDay, start + 365);
    const slices: [number, number][] = [];
    if (end - start <= 120) slices.push([start, Math.max(start, end)]);
    else {
      for (let y = yearOfDay(start); y <= yearOfDay(end) && slices.length < 4; y += 1) {
        const s = Math.max(start, dayFromYmd(y, 1, 1));
        const e = Math.min(end, dayFromYmd(y, 12, 31));
        if (s > this.nowDay + 365) break;
        slices.push([s, e]);
      }
    }
    const isCourseHeadcount = plan.kind === 'training-course' && template.unit === 'persons' && plan.trainees.completed > 0;
    for (const [s, e] of slices) {
      const [low, high] = template.target;
      const target = isCourseHeadcount ? plan.capacity : template.measure === 'percentage' ? random.int(low, high) : random.int(low, high);
      let actual: number | undefined;
      if (plan.status !== 'pipeline' && plan.status !== 'cancelled' && plan.actualStart !== undefined) {
        if (e <= this.nowDay) {
          actual = isCourseHeadcount ? plan.trainees.completed : Math.round(target * random.float(0.6, 1.25));
        } else if (s <= this.nowDay && random.chance(0.5)) {
          actual = Math.round(target * ((this.nowDay - s) / Math.max(1, e - s)) * random.float(0.7, 1.1));
        }
        if (actual !== undefined && template.measure === 'percentage') actual = Math.min(100, actual);
      }
      const createdMs = Math.max(Date.parse(indicator.createdAt), this.childStamp(plan, (actual !== undefined ? Math.min(e, this.nowDay) : s) + random.int(0, 20)));
      const record: IndicatorPeriod = {
        entity: 'indicatorPeriod',
        id: this.ids.next(createdMs),
        ...this.stamps(createdMs),
        activityId: plan.id,
        indicatorId: indicator.id,
        periodStart: isoDay(s),
        periodEnd: isoDay(e),
        target,
        breakdown: [],
      };
      if (actual !== undefined) record.actual = actual;
      if (indicator.disaggregations.includes('sex')) {
        const female = isCourseHeadcount ? plan.trainees.female : undefined;
        const share = random.float(0.3, 0.6);
        const targetFemale = Math.round(target * share);
        const actualFemale = actual === undefined ? undefined : (female ?? Math.round(actual * share));
        record.breakdown.push(withNumbers({ sex: 'female' as const }, targetFemale, actualFemale));
        record.breakdown.push(withNumbers({ sex: 'male' as const }, target - targetFemale, actual === undefined || actualFemale === undefined ? undefined : actual - actualFemale));
      }
      if (indicator.disaggregations.includes('country')) {
        const aseanCountries = plan.countries.filter((c) => c !== 'CN');
        let targetLeft = target;
        let actualLeft = actual;
        aseanCountries.forEach((country, i) => {
          const last = i === aseanCountries.length - 1;
          const t = last ? targetLeft : Math.floor(target / aseanCountries.length);
          const a = actual === undefined || actualLeft === undefined
            ? undefined
            : isCourseHeadcount
              ? (plan.trainees.byCountry.get(country) ?? 0)
              : last
                ? actualLeft
                : Math.floor(actual / aseanCountries.length);
          targetLeft -= t;
          if (actualLeft !== undefined && a !== undefined) actualLeft -= a;
          record.breakdown.push(withNumbers({ country }, t, a));
        });
      }
      if (random.chance(0.15)) record.comment = random.pick(periodComments);
      this.queue.push(record);
    }
  }

  private document(plan: ActivityPlan | undefined, attachedTo: Document['attachedTo'], createdMs: number, photo: { day: number; caption: string } | undefined): Document {
    const random = this.random;
    let record: Document;
    if (photo) {
      const date = isoDay(photo.day).replace(/-/g, '');
      const time = `${String(random.int(7, 17)).padStart(2, '0')}${String(random.int(0, 59)).padStart(2, '0')}${String(random.int(0, 59)).padStart(2, '0')}`;
      record = {
        entity: 'document',
        id: this.ids.next(createdMs),
        ...this.stamps(createdMs),
        sha256: fakeSha256(random),
        fileName: `IMG_${date}_${time}.jpg`,
        mimeType: 'image/jpeg',
        sizeBytes: random.int(1_200_000, 6_500_000),
        caption: photo.caption,
        attachedTo,
      };
    } else {
      const template = random.pick(activityDocuments);
      const year = yearOfDay(Math.floor(createdMs / DAY_MS));
      record = {
        entity: 'document',
        id: this.ids.next(createdMs),
        ...this.stamps(createdMs),
        sha256: fakeSha256(random),
        fileName: `${year}-${template.fileName}`,
        mimeType: template.mimeType,
        sizeBytes: random.int(template.size[0], template.size[1]),
        title: template.title,
        attachedTo,
      };
      if (plan && random.chance(0.2)) record.caption = `${template.title}, ${plan.city.en}`;
    }
    this.queue.push(record);
    return record;
  }

  private activityDocuments(plan: ActivityPlan): void {
    const random = this.random;
    if (!random.chance(0.35)) return;
    for (let i = random.int(1, 2); i > 0; i -= 1) {
      const day = Math.floor(plan.createdMs / DAY_MS) + random.int(0, Math.max(1, (plan.actualEnd ?? this.nowDay) - Math.floor(plan.createdMs / DAY_MS)));
      this.document(plan, { entity: 'activity', recordId: plan.id }, this.childStamp(plan, day), undefined);
    }
  }

  private fieldReports(plan: ActivityPlan): void {
    const random = this.random;
    const start = plan.actualStart!;
    const end = Math.min(plan.actualEnd ?? this.nowDay, this.nowDay);
    const long = end - start > 90;
    const n = long ? random.weighted([0, 1, 2, 3, 4], [2, 3, 3, 2, 1]) : random.chance(0.55) ? 1 : 0;
    const profile = countryProfiles[plan.asean];
    const city = plan.hostedInChina ? random.pick(profile.cities) : plan.city;
    for (let i = 0; i < n; i += 1) {
      const visitDay = start + random.int(0, Math.max(0, end - start));
      const createdMs = this.childStamp(plan, visitDay + random.int(0, 14));
      // The report's id is minted first so that its photos (documents, stored before it) can point at it.
      const reportId = this.ids.next(createdMs);
      const photos: FieldReport['photos'] = [];
      for (let p = random.weighted([0, 1, 2, 3], [3, 3, 2, 2]); p > 0; p -= 1) {
        const caption = `${random.pick(photoCaptions)}, ${city.en}`;
        const photo = this.document(plan, { entity: 'fieldReport', recordId: reportId }, createdMs, { day: visitDay, caption });
        photos.push(random.chance(0.7) ? { documentId: photo.id, caption } : { documentId: photo.id });
      }
      const language = profile.titleLanguage;
      const local = language ? narrativesLocal[language] : undefined;
      const values = { n: random.int(5, 40) };
      const narrative = random.chance(0.03)
        ? ''
        : local && language && random.chance(0.3)
          ? fill(local, { ...values, city: city.local, topic: plan.topic.text[language] })
          : fill(random.pick(narrativesEn), { ...values, city: city.en, topic: plan.topic.text.en });
      const record: FieldReport = {
        entity: 'fieldReport',
        id: reportId,
        ...this.stamps(createdMs, random.chance(0.2) ? visitDay + random.int(1, 30) : undefined),
        activityId: plan.id,
        country: plan.asean,
        visitDate: isoDay(visitDay),
        narrative,
        indicatorValues: [],
        photos,
      };
      if (random.chance(0.85)) {
        const jitter = () => random.float(-0.12, 0.12);
        record.location = random.chance(0.85)
          ? { latitude: round6(city.lat + jitter()), longitude: round6(city.lon + jitter()), accuracyMeters: random.chance(0.8) ? random.int(3, 40) : random.int(41, 600), source: 'device' }
          : { latitude: round3(city.lat), longitude: round3(city.lon), source: 'typed', placeName: city.en };
        if (record.location.source === 'device' && random.chance(0.5)) record.location.placeName = city.local;
      }
      if (plan.indicators.length > 0 && random.chance(0.5)) {
        for (const indicator of random.sample(plan.indicators, random.int(1, 2))) {
          const [low, high] = indicator.template.target;
          const value = { indicatorId: indicator.id, value: random.int(Math.round(low / 2), high) };
          record.indicatorValues.push(random.chance(0.3) ? { ...value, note: 'Counted on site' } : value);
        }
      }
      this.queue.push(record);
      if (random.chance(0.4)) this.approvals(plan, 'fieldReport', reportId, createdMs, false);
    }
  }

  private approvals(plan: ActivityPlan, entity: 'activity' | 'fieldReport', recordId: string, createdMs: number, full: boolean): void {
    const random = this.random;
    if (full && !random.chance(0.6)) return;
    const cc = plan.hostedInChina && plan.kind !== 'fellowship' ? undefined : plan.asean.toLowerCase();
    const officer = cc ? `officer.${cc}.${String(random.int(1, 12)).padStart(2, '0')}` : `secretariat.${String(random.int(1, 4)).padStart(2, '0')}`;
    const officerRole: UserRole = cc ? 'field-officer' : 'secretariat';
    const coordinator = cc ? `coordinator.${cc}` : `secretariat.${String(random.int(1, 4)).padStart(2, '0')}`;
    const coordinatorRole: UserRole = cc ? 'national-coordinator' : 'secretariat';
    let at = createdMs;
    const step = (action: Approval['action'], actor: string, role: UserRole, minDays: number, maxDays: number, comment?: string): boolean => {
      at += random.int(minDays, maxDays) * DAY_MS + random.int(0, 8 * 3600) * 1000;
      if (at > this.nowMs) return false;
      const record: Approval = {
        entity: 'approval',
        id: this.ids.next(at),
        createdAt: isoInstant(at),
        updatedAt: isoInstant(at),
        target: { entity, recordId },
        action,
        actorUserId: actor,
        actorRole: role,
        at: isoInstant(at),
      };
      if (comment) record.comment = comment;
      this.queue.push(record);
      return true;
    };
    if (!step('submit', officer, officerRole, 0, 5)) return;
    if (random.chance(0.15)) {
      if (!step('return', coordinator, coordinatorRole, 1, 10, random.pick(returnComments))) return;
      if (!step('submit', officer, officerRole, 1, 14)) return;
    }
    if (!random.chance(0.8)) return;
    // The review workflow (shared/src/workflow): a coordinator approves, the Secretariat accepts; where no
    // coordinator reviews (hosted in China), the Secretariat accepts directly.
    const firstReview = coordinatorRole === 'secretariat' ? 'accept' : 'approve';
    if (!step(firstReview, coordinator, coordinatorRole, 1, 14, random.chance(0.2) ? random.pick(approveComments) : undefined)) return;
    if (firstReview === 'approve' && full && random.chance(0.7)) {
      if (!step('accept', `secretariat.${String(random.int(1, 4)).padStart(2, '0')}`, 'secretariat', 3, 30)) return;
    } else if (firstReview === 'approve') return;
    if (random.chance(0.02)) step('unlock', 'secretariat.01', 'secretariat', 30, 300, 'Unlocked to correct the budget figures.');
  }
}

function withNumbers<T extends object>(row: T, target: number, actual: number | undefined): T & { target: number; actual?: number } {
  return actual === undefined ? { ...row, target } : { ...row, target, actual };
}

/** A country's English name as it reads inside a sentence ("to the Philippines"). */
function englishReference(name: string): string {
  return name === 'Philippines' || name === 'Lao PDR' ? `the ${name}` : name;
}

function round6(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
function round3(value: number): number {
  return Math.round(value * 1e3) / 1e3;
}
