import { describe, expect, it } from 'vitest';
import { emptyActivityFilter } from '../../db/activityIndex';
import { activityListPath, changeFilter, detailsFromSearch, filterFromSearch, kindForNewActivity, kindFromSearch, newActivityPath, searchFromFilter } from './activityFilterUrl';

const read = (query: string) => filterFromSearch(new URLSearchParams(query));

describe('the activity list filter in the URL', () => {
  it('reads the modality a navigation link asks for', () => {
    expect(read('modality=joint-research')).toEqual({ ...emptyActivityFilter, modality: 'joint-research' });
  });

  it('reads every field, and writes them back to the same query', () => {
    const query = 'modality=human-resources&kind=training-course&country=LA&area=tech%2Fagriculture&status=closed&year=2024&q=rice+breeding';
    const filter = read(query);
    expect(filter).toEqual({ text: 'rice breeding', country: 'LA', area: 'tech/agriculture', modality: 'human-resources', kind: 'training-course', status: 'closed', year: '2024' });
    expect(searchFromFilter(filter).toString()).toBe(query);
  });

  it('leaves out what this desk does not know rather than showing an empty list', () => {
    expect(read('modality=astrology&kind=picnic&country=FR&area=tech/nothing&status=lost&year=twenty')).toEqual(emptyActivityFilter);
  });

  it('leaves out a kind that is not of the modality asked for', () => {
    expect(read('modality=joint-research&kind=fellowship')).toEqual({ ...emptyActivityFilter, modality: 'joint-research' });
    expect(read('kind=fellowship')).toEqual({ ...emptyActivityFilter, kind: 'fellowship' });
  });

  it('writes nothing for an empty filter or blank text, so the plain list has the plain path', () => {
    expect(searchFromFilter(emptyActivityFilter).toString()).toBe('');
    expect(activityListPath({ ...emptyActivityFilter, text: '  ' })).toBe('/activities');
    expect(activityListPath({ ...emptyActivityFilter, modality: 'technology-transfer' })).toBe('/activities?modality=technology-transfer');
  });

  it('keeps typed text as typed, spaces and all scripts', () => {
    const filter = { ...emptyActivityFilter, text: '湄公河 rice ' };
    expect(filterFromSearch(searchFromFilter(filter))).toEqual(filter);
  });
});

describe('changing the filter', () => {
  it('choosing a kind chooses its modality', () => {
    expect(changeFilter(emptyActivityFilter, { kind: 'task-force-mission' })).toMatchObject({ modality: 'technical-services', kind: 'task-force-mission' });
  });

  it('choosing another modality forgets a kind that is not one of its kinds, and keeps one that is', () => {
    const courses = { ...emptyActivityFilter, modality: 'human-resources', kind: 'training-course', country: 'VN' };
    expect(changeFilter(courses, { modality: 'joint-labs' })).toEqual({ ...courses, modality: 'joint-labs', kind: '' });
    expect(changeFilter(courses, { modality: '' })).toEqual({ ...courses, modality: '', kind: 'training-course' });
    expect(changeFilter(courses, { country: 'TH' })).toEqual({ ...courses, country: 'TH' });
  });
});

describe('a new activity from a filtered list', () => {
  it('starts with the modality’s kind when the modality has only one', () => {
    expect(kindForNewActivity({ ...emptyActivityFilter, modality: 'joint-research' })).toBe('joint-research-project');
    expect(newActivityPath({ ...emptyActivityFilter, modality: 'joint-labs' })).toBe('/activities/new?kind=joint-lab');
  });

  it('lets the person choose when the modality has several kinds, unless the list shows one kind', () => {
    expect(newActivityPath({ ...emptyActivityFilter, modality: 'human-resources' })).toBe('/activities/new');
    expect(newActivityPath({ ...emptyActivityFilter, modality: 'human-resources', kind: 'fellowship' })).toBe('/activities/new?kind=fellowship');
    expect(newActivityPath(emptyActivityFilter)).toBe('/activities/new');
  });

  it('the form takes a known kind from its URL and ignores anything else', () => {
    expect(kindFromSearch(new URLSearchParams('kind=joint-lab'))).toBe('joint-lab');
    expect(kindFromSearch(new URLSearchParams('kind=joint-labs'))).toBe('');
    expect(kindFromSearch(new URLSearchParams(''))).toBe('');
  });
});

describe('a new activity started from a related record', () => {
  const center = '0194a3b0-0000-7000-8000-00000000c001';
  it('links a course to its training center and a follow-up to its match', () => {
    expect(detailsFromSearch('training-course', new URLSearchParams(`kind=training-course&trainingCenterId=${center}`))).toEqual({ trainingCenterId: center });
    expect(detailsFromSearch('technology-transfer-match', new URLSearchParams(`matchId=${center}`))).toEqual({ matchId: center });
  });

  it('reads only record fields of the kind, and only record ids', () => {
    expect(detailsFromSearch('training-course', new URLSearchParams(`venue=Vientiane&matchId=${center}`))).toEqual({});
    expect(detailsFromSearch('training-course', new URLSearchParams('trainingCenterId=not-an-id'))).toEqual({});
    expect(detailsFromSearch('', new URLSearchParams(`trainingCenterId=${center}`))).toEqual({});
  });
});
