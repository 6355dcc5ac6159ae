import { useMemo, useState } from 'react';
import { NavigationType, useLocation, useNavigationType, useSearchParams } from 'react-router';
import { readTechnologyLists, affectsTechnology } from '../../db/technology';
import { useRepositoryData } from '../history/useRepositoryData';
import { emptyTechnologyFilter, technologyFilterFromSearch, technologySearchFromFilter, type TechnologyFilter } from './technologyFilter';

/**
 * A technology list's filter, kept in the URL: choosing a filter is a step Back undoes, typing replaces
 * the current step. The search box keeps its own text while the URL catches up (see the activity list).
 */
export function useTechnologyFilter() {
  const [searchParams, setSearchParams] = useSearchParams();
  const location = useLocation();
  const navigationType = useNavigationType();
  const fromUrl = useMemo(() => technologyFilterFromSearch(searchParams), [searchParams]);
  const [text, setText] = useState(fromUrl.text);
  const [seenKey, setSeenKey] = useState(location.key);
  if (seenKey !== location.key) {
    setSeenKey(location.key);
    if (navigationType !== NavigationType.Replace) setText(fromUrl.text);
  }
  // The same filter object while only the URL's copy of the typed text catches up.
  const choices = JSON.stringify({ ...fromUrl, text: '' });
  const filter = useMemo((): TechnologyFilter => ({ ...(JSON.parse(choices) as TechnologyFilter), text }), [choices, text]);

  return {
    filter,
    setFilter(patch: Partial<TechnologyFilter>) {
      const onlyText = Object.keys(patch).every((key) => key === 'text');
      if (patch.text !== undefined) setText(patch.text);
      setSearchParams(technologySearchFromFilter({ ...filter, ...patch }), { replace: onlyText });
    },
    clear() {
      setText('');
      setSearchParams(technologySearchFromFilter(emptyTechnologyFilter));
    },
  };
}

/** Every offer, need and match, re-read when any of them (or a name they show) changes. */
export function useTechnologyLists() {
  return useRepositoryData('technology-lists', readTechnologyLists, affectsTechnology);
}
