import type { ContentLanguage, TechnologyMatch, TechnologyNeed, TechnologyOffer } from '@shared/domain';
import type { Draft } from '../../db/repository';
import { blankToUndefined, compactLocalizedText, editedLanguages, localLanguageOf } from '../../ui/formValues';

/**
 * The technology forms' values as typed (strings, so nothing typed is lost when validation fails) and
 * the drafts they make. Drafts are built on the stored record, so a title in a language the form does
 * not show survives an edit.
 */

type Texts = Partial<Record<ContentLanguage, string>>;

/** Today as YYYY-MM-DD in the computer's own time zone (what a person means by "today"). */
export function today(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

interface PostingValues {
  title: Texts;
  description: Texts;
  localLanguage: ContentLanguage | '';
  organizationId: string;
  country: string;
  priorityAreas: string[];
  postedOn: string;
}

export interface OfferFormValues extends PostingValues {
  readinessLevel: string;
  intellectualProperty: string;
}

export type NeedFormValues = PostingValues;

const emptyPosting = (): PostingValues => ({ title: {}, description: {}, localLanguage: '', organizationId: '', country: '', priorityAreas: [], postedOn: today() });

export const emptyOfferForm = (): OfferFormValues => ({ ...emptyPosting(), readinessLevel: '', intellectualProperty: '' });
export const emptyNeedForm = (): NeedFormValues => emptyPosting();

function postingToForm(record: TechnologyOffer | TechnologyNeed, organizationId: string): PostingValues {
  return {
    title: { ...record.title },
    description: { ...record.description },
    localLanguage: localLanguageOf(record.title) || localLanguageOf(record.description),
    organizationId,
    country: record.country,
    priorityAreas: [...record.priorityAreas],
    postedOn: record.postedOn,
  };
}

export const offerToForm = (offer: TechnologyOffer): OfferFormValues => ({
  ...postingToForm(offer, offer.providerOrganizationId),
  readinessLevel: String(offer.readinessLevel),
  intellectualProperty: offer.intellectualProperty ?? '',
});

export const needToForm = (need: TechnologyNeed): NeedFormValues => postingToForm(need, need.seekerOrganizationId);

function postingDraft(values: PostingValues, original: TechnologyOffer | TechnologyNeed | undefined) {
  const languages = [...new Set([...editedLanguages(values.localLanguage), ...(Object.keys(original?.title ?? {}) as ContentLanguage[]), ...(Object.keys(original?.description ?? {}) as ContentLanguage[])])];
  return {
    title: compactLocalizedText(values.title, languages),
    description: compactLocalizedText(values.description, languages),
    country: values.country as TechnologyOffer['country'],
    priorityAreas: values.priorityAreas,
    postedOn: values.postedOn,
  };
}

/** A number as typed: a number when it is one, the text otherwise (so the schema says what is wrong), nothing when blank. */
function typedNumber(raw: string): number | undefined {
  if (raw.trim() === '') return undefined;
  const value = Number(raw);
  return Number.isNaN(value) ? (raw as unknown as number) : value;
}

export function toOfferDraft(values: OfferFormValues, original?: TechnologyOffer): Draft<'technologyOffer'> {
  return {
    ...postingDraft(values, original),
    providerOrganizationId: values.organizationId,
    readinessLevel: typedNumber(values.readinessLevel) as number,
    intellectualProperty: blankToUndefined(values.intellectualProperty) as TechnologyOffer['intellectualProperty'],
  };
}

export function toNeedDraft(values: NeedFormValues, original?: TechnologyNeed): Draft<'technologyNeed'> {
  return { ...postingDraft(values, original), seekerOrganizationId: values.organizationId };
}

export interface MatchFormValues {
  offerId: string;
  needId: string;
  status: string;
  statusDate: string;
  brokerPersonId: string;
  notes: string;
}

export const emptyMatchForm = (): MatchFormValues => ({ offerId: '', needId: '', status: 'proposed', statusDate: today(), brokerPersonId: '', notes: '' });

export const matchToForm = (match: TechnologyMatch): MatchFormValues => ({
  offerId: match.offerId,
  needId: match.needId,
  status: match.status,
  statusDate: match.statusDate,
  brokerPersonId: match.brokerPersonId ?? '',
  notes: match.notes ?? '',
});

export function toMatchDraft(values: MatchFormValues): Draft<'technologyMatch'> {
  return {
    offerId: values.offerId,
    needId: values.needId,
    status: values.status as TechnologyMatch['status'],
    statusDate: values.statusDate,
    brokerPersonId: blankToUndefined(values.brokerPersonId),
    notes: blankToUndefined(values.notes),
  };
}

/**
 * A step of a match: its new status and the day it was taken. It is an edit of two fields, so the
 * record's history lists every step with who took it and when.
 */
export function matchStatusStep(match: TechnologyMatch, status: TechnologyMatch['status'], statusDate: string): Draft<'technologyMatch'> {
  const { entity: _entity, id: _id, createdAt: _created, updatedAt: _updated, ...rest } = match;
  return { ...rest, status, statusDate };
}

/** Another match of the same offer and need, if there is one: a pair is matched once. */
export function existingMatch<T extends Pick<TechnologyMatch, 'id' | 'offerId' | 'needId'>>(matches: readonly T[], offerId: string, needId: string, exceptId?: string): T | undefined {
  if (!offerId || !needId) return undefined;
  return matches.find((match) => match.offerId === offerId && match.needId === needId && match.id !== exceptId);
}
