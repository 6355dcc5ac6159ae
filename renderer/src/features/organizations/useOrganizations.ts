import { pickText, type Organization } from '@shared/domain';
import { matchesSplitQuery, normalizeForSearch, splitQuery, splitSearchText, type SplitSearchText } from '@shared/search/normalize';
import { useEffect, useMemo, useState } from 'react';
import { listOrganizations } from '../../db/reads';
import { getStore } from '../../db/store';

export interface OrganizationFilter {
  text: string;
  country: string;
  type: string;
}

interface Indexed {
  organization: Organization;
  search: SplitSearchText;
}

/** All organizations (thousands at most), searchable in every language their name is written in. */
export function useOrganizations(filter: OrganizationFilter, language: string) {
  const [all, setAll] = useState<Indexed[] | undefined>();
  const [version, setVersion] = useState(0);

  useEffect(
    () =>
      getStore().repository.subscribe((changes) => {
        if (changes.some((change) => change.entity === 'organization')) setVersion((v) => v + 1);
      }),
    [],
  );

  useEffect(() => {
    let cancelled = false;
    void listOrganizations().then((organizations) => {
      if (cancelled) return;
      setAll(
        organizations.map((organization) => ({
          organization,
          search: splitSearchText([...Object.values(organization.name), organization.acronym, organization.city, organization.iatiIdentifier]),
        })),
      );
    });
    return () => {
      cancelled = true;
    };
  }, [version]);

  const rows = useMemo(() => {
    if (!all) return undefined;
    const query = splitQuery(filter.text);
    const nameOf = (o: Organization) => normalizeForSearch(pickText(o.name, language));
    return all
      .filter(
        ({ organization, search }) =>
          (!filter.country || organization.country === filter.country) &&
          (!filter.type || organization.type === filter.type) &&
          matchesSplitQuery(search, query),
      )
      .map(({ organization }) => ({ organization, sortName: nameOf(organization) }))
      .sort((a, b) => (a.sortName < b.sortName ? -1 : a.sortName > b.sortName ? 1 : 0))
      .map(({ organization }) => organization);
  }, [all, filter, language]);

  return { rows, total: all?.length };
}
