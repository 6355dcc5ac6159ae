import { exampleRecords } from '@shared/demo/examples';
import { technologyMatchSchema, technologyOfferSchema, type TechnologyMatch, type TechnologyOffer } from '@shared/domain';
import { describe, expect, it } from 'vitest';
import { emptyMatchForm, emptyOfferForm, existingMatch, matchStatusStep, matchToForm, offerToForm, toMatchDraft, toOfferDraft, today } from './technologyForms';

const offer = technologyOfferSchema.parse({ ...exampleRecords.technologyOffer, title: { ...exampleRecords.technologyOffer.title, th: 'ระบบชลประทานแบบประหยัดน้ำ', lo: 'ລະບົບຊົນລະປະທານ' } }) as TechnologyOffer;
const match = technologyMatchSchema.parse(exampleRecords.technologyMatch) as TechnologyMatch;
const stored = (draft: object, record: { entity: string; id: string; createdAt: string; updatedAt: string }) => ({ ...draft, entity: record.entity, id: record.id, createdAt: record.createdAt, updatedAt: record.updatedAt });

describe('the offer form', () => {
  it('gives back the stored offer unchanged, titles in languages the form does not show included', () => {
    const draft = toOfferDraft(offerToForm(offer), offer);
    expect(technologyOfferSchema.parse(stored(draft, offer))).toEqual(offer);
  });

  it('keeps a readiness level that is not a number as typed, so the schema says what is wrong', () => {
    const values = { ...offerToForm(offer), readinessLevel: 'high' };
    expect(technologyOfferSchema.safeParse(stored(toOfferDraft(values, offer), offer)).success).toBe(false);
    expect(toOfferDraft({ ...values, readinessLevel: '7' }, offer).readinessLevel).toBe(7);
  });

  it('starts a new offer posted today, with nothing else chosen', () => {
    expect(emptyOfferForm()).toMatchObject({ postedOn: today(), organizationId: '', readinessLevel: '', priorityAreas: [] });
    expect(toOfferDraft(emptyOfferForm()).intellectualProperty).toBeUndefined();
  });
});

describe('the match form and its steps', () => {
  it('round-trips a match, and a blank broker or note is no broker or note', () => {
    expect(technologyMatchSchema.parse(stored(toMatchDraft(matchToForm(match)), match))).toEqual(match);
    const draft = toMatchDraft({ ...emptyMatchForm(), offerId: match.offerId, needId: match.needId, brokerPersonId: '', notes: '  ' });
    expect(draft).toMatchObject({ status: 'proposed', statusDate: today(), brokerPersonId: undefined, notes: undefined });
  });

  it('a status step changes the status and its date, and nothing else', () => {
    const step = matchStatusStep(match, 'agreed', '2024-06-01');
    expect(step).toEqual({ offerId: match.offerId, needId: match.needId, status: 'agreed', statusDate: '2024-06-01', brokerPersonId: match.brokerPersonId });
    expect(step).not.toHaveProperty('id');
  });

  it('finds another match of the same pair, but not the match being edited', () => {
    const others = [match, { ...match, id: 'other', needId: 'another-need' }];
    expect(existingMatch(others, match.offerId, match.needId)).toBe(match);
    expect(existingMatch(others, match.offerId, match.needId, match.id)).toBeUndefined();
    expect(existingMatch(others, match.offerId, '')).toBeUndefined();
  });
});

describe('today', () => {
  it('is the local calendar day', () => {
    expect(today(new Date(2025, 0, 9, 23, 30))).toBe('2025-01-09');
  });
});
