import { useEffect, useState } from 'react';
import { organizationOptions, personOptions, type RecordOption } from '../../db/pickerOptions';
import { listOrganizations } from '../../db/reads';
import { needOptions, offerOptions } from '../../db/technology';

export interface TechnologyPickers {
  organizations: RecordOption[];
  /** Each organization's country: choosing a provider or seeker fills in the country. */
  countryOf: Map<string, string>;
  people: RecordOption[];
  offers: RecordOption[];
  needs: RecordOption[];
}

const none: TechnologyPickers = { organizations: [], countryOf: new Map(), people: [], offers: [], needs: [] };

/** What the technology forms' record pickers choose from, loaded once per form and language. */
export function useTechnologyPickers(language: string, what: { people?: boolean; offersAndNeeds?: boolean } = {}): TechnologyPickers {
  const [pickers, setPickers] = useState<TechnologyPickers>(none);
  const { people = false, offersAndNeeds = false } = what;
  useEffect(() => {
    let cancelled = false;
    void Promise.all([
      organizationOptions(language),
      listOrganizations(),
      people ? personOptions() : [],
      offersAndNeeds ? offerOptions(language) : [],
      offersAndNeeds ? needOptions(language) : [],
    ]).then(([organizations, all, peopleOptions, offers, needs]) => {
      if (!cancelled) setPickers({ organizations, countryOf: new Map(all.map((o) => [o.id, o.country])), people: peopleOptions, offers, needs });
    });
    return () => {
      cancelled = true;
    };
  }, [language, people, offersAndNeeds]);
  return pickers;
}
