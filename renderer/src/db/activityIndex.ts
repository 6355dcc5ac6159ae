import { isWithinArea } from '@shared/domain';
import { SearchCorpus } from '@shared/search/corpus';
import { isEmptyQuery, matchesSplitQuery, normalizeForSearch, splitQuery } from '@shared/search/normalize';
import type { ActivityRow } from './activityRows';
import type { StepDatabase } from './database';
import type { Repository } from './repository';

export interface ActivityFilter {
  text: string;
  country: string;
  area: string;
  modality: string;
  /** One kind of activity (a modality has one to three); callers that never filter by kind may leave it out. */
  kind?: string;
  status: string;
  year: string;
}

export const emptyActivityFilter: ActivityFilter = { text: '', country: '', area: '', modality: '', kind: '', status: '', year: '' };

export type ActivitySortKey = 'title' | 'kind' | 'status' | 'countries' | 'start' | 'updatedAt';
export interface ActivitySort {
  key: ActivitySortKey;
  direction: 'asc' | 'desc';
}
export const defaultActivitySort: ActivitySort = { key: 'updatedAt', direction: 'desc' };

export function isFilterEmpty(filter: ActivityFilter): boolean {
  return Object.values(filter).every((value) => !value);
}

/**
 * All activities' list rows in memory, loaded once and kept current by the repository's change events.
 * Sorted copies are cached per sort and language, so that changing a filter or typing a search only
 * filters an already sorted array (filtering keeps the order).
 */
export class ActivityIndex {
  private rows = new Map<string, ActivityRow>();
  private loaded = false;
  private loading: Promise<void> | undefined;
  private sortedCache = new Map<string, ActivityRow[]>();
  /** The last answer, so that typing one more letter only filters the rows the shorter query found. */
  private yearsCache: number[] | undefined;
  private corpusTimer: ReturnType<typeof setTimeout> | undefined;
  /** All rows' search text as one corpus, built on the first search after a change. */
  private corpus: { corpus: SearchCorpus; entryOf: Map<ActivityRow, number> } | undefined;
  private lastAnswer: { context: string; text: string; rows: ActivityRow[] } | undefined;
  private listeners = new Set<() => void>();
  /** Changes whenever the rows change; React reads it through useSyncExternalStore. */
  version = 0;

  constructor(
    private readonly db: StepDatabase,
    repository: Repository,
  ) {
    repository.subscribe((changes) => {
      const touched = changes.filter((change) => change.entity === 'activity');
      if (touched.length === 0 || !this.loaded) return;
      void this.apply(touched.flatMap((c) => c.ids), touched.some((c) => c.deleted));
    });
  }

  get isLoaded(): boolean {
    return this.loaded;
  }

  get size(): number {
    return this.rows.size;
  }

  load(): Promise<void> {
    this.loading ??= this.db.activityRows.toArray().then(
      (rows) => {
        for (const row of rows) this.rows.set(row.id, row);
        this.loaded = true;
        this.changed(0);
      },
      (error: unknown) => {
        // Not cached: the next load() tries again.
        this.loading = undefined;
        throw error;
      },
    );
    return this.loading;
  }

  /** The most recently updated rows, straight from the index: what the list shows while it loads. */
  firstPage(limit: number): Promise<ActivityRow[]> {
    return this.db.activityRows.orderBy('updatedAt').reverse().limit(limit).toArray();
  }

  query(filter: ActivityFilter, sort: ActivitySort, language: string): ActivityRow[] {
    if (isFilterEmpty(filter)) return this.sorted(sort, language);
    const text = normalizeForSearch(filter.text).trim();
    const context = JSON.stringify([this.version, sort, language, { ...filter, text: '' }]);
    // A longer query finds a subset of what its prefix found (every term still contains the old one).
    const last = this.lastAnswer;
    const narrowing = last && last.context === context && last.text !== '' && text.startsWith(last.text);
    const candidates = narrowing ? last.rows : this.sorted(sort, language);
    const query = splitQuery(text);
    const year = filter.year ? Number(filter.year) : undefined;
    // Few candidates: check each one. Many: one pass over the corpus is far cheaper.
    const textMatches = isEmptyQuery(query)
      ? () => true
      : candidates.length < this.rows.size / 8
        ? (row: ActivityRow) => matchesSplitQuery(row.search, query)
        : this.corpusMatcher(query);
    const rows = candidates.filter(
      (row) =>
        (!filter.country || row.countries.includes(filter.country)) &&
        (!filter.modality || row.modality === filter.modality) &&
        (!filter.kind || row.kind === filter.kind) &&
        (!filter.status || row.status === filter.status) &&
        (year === undefined || row.year === year) &&
        (!filter.area || row.priorityAreas.some((code) => isWithinArea(code, filter.area))) &&
        textMatches(row),
    );
    this.lastAnswer = { context, text, rows };
    return rows;
  }

  /** Years that activities start in, newest first: the year filter's choices. */
  years(): number[] {
    if (!this.yearsCache) {
      const years = new Set<number>();
      for (const row of this.rows.values()) years.add(row.year);
      this.yearsCache = [...years].sort((a, b) => b - a);
    }
    return this.yearsCache;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private corpusMatcher(query: ReturnType<typeof splitQuery>): (row: ActivityRow) => boolean {
    const { corpus, entryOf } = this.ensureCorpus();
    const hits = corpus.match(query);
    return (row) => hits[entryOf.get(row) ?? -1] === 1;
  }

  private ensureCorpus(): NonNullable<ActivityIndex['corpus']> {
    if (!this.corpus) {
      const rows = [...this.rows.values()];
      this.corpus = { corpus: new SearchCorpus(rows.map((row) => row.search)), entryOf: new Map(rows.map((row, i) => [row, i])) };
    }
    return this.corpus;
  }

  private sorted(sort: ActivitySort, language: string): ActivityRow[] {
    const cacheKey = `${sort.key}:${sort.direction}:${language}`;
    const cached = this.sortedCache.get(cacheKey);
    if (cached) return cached;
    const keyOf = sortKeyOf(sort.key, language);
    const keyed = [...this.rows.values()].map((row) => ({ row, key: keyOf(row) }));
    const sign = sort.direction === 'asc' ? 1 : -1;
    keyed.sort((a, b) => (a.key < b.key ? -sign : a.key > b.key ? sign : a.row.id < b.row.id ? -1 : 1));
    const sorted = keyed.map((entry) => entry.row);
    this.sortedCache.set(cacheKey, sorted);
    return sorted;
  }

  private async apply(ids: string[], someDeleted: boolean): Promise<void> {
    const rows = await this.db.activityRows.bulkGet(ids);
    rows.forEach((row, i) => {
      if (row) this.rows.set(row.id, row);
      else if (someDeleted) this.rows.delete(ids[i] as string);
    });
    this.changed();
  }

  /**
   * Drops everything derived from the rows and rebuilds the search corpus in the background: right
   * away after loading, and once writes have paused (an import changes the rows every batch).
   */
  private changed(corpusDelayMs = 400): void {
    this.sortedCache.clear();
    this.lastAnswer = undefined;
    this.yearsCache = undefined;
    this.corpus = undefined;
    clearTimeout(this.corpusTimer);
    this.corpusTimer = setTimeout(() => this.ensureCorpus(), corpusDelayMs);
    this.version += 1;
    for (const listener of this.listeners) listener();
  }
}

function sortKeyOf(key: ActivitySortKey, language: string): (row: ActivityRow) => string {
  switch (key) {
    case 'title':
      return (row) => normalizeForSearch(row.title[language as 'en'] ?? row.title.en ?? Object.values(row.title)[0] ?? '');
    case 'kind':
      return (row) => row.kind;
    case 'status':
      return (row) => row.status;
    case 'countries':
      return (row) => row.countries.join(',');
    case 'start':
      return (row) => row.start;
    case 'updatedAt':
      return (row) => row.updatedAt;
  }
}
