import type { SplitQuery, SplitSearchText } from './normalize';

/**
 * Many haystacks searched as one. Searching 100,000 short strings one by one pays a fixed set-up cost
 * per string (the engine prepares its substring search every call); one long string per script is
 * searched in a single pass, and on a hit the scan jumps straight to the next entry. Entries are
 * separated by a character no query term contains, so a match never spans two entries.
 */
const entrySeparator = '\u0002';

export class SearchCorpus {
  readonly size: number;
  private readonly latin: string;
  private readonly other: string;
  private readonly latinStarts: Int32Array;
  private readonly otherStarts: Int32Array;

  constructor(texts: readonly SplitSearchText[]) {
    this.size = texts.length;
    this.latinStarts = startsOf(texts, (t) => t.latin);
    this.otherStarts = startsOf(texts, (t) => t.other);
    this.latin = texts.map((t) => t.latin).join(entrySeparator);
    this.other = texts.map((t) => t.other).join(entrySeparator);
  }

  /** 1 for every entry that contains every term of the query, 0 for the others. */
  match(query: SplitQuery): Uint8Array {
    let result: Uint8Array | undefined;
    const scans: [string, Int32Array, string[]][] = [
      [this.latin, this.latinStarts, query.latin],
      [this.other, this.otherStarts, query.other],
    ];
    for (const [haystack, starts, terms] of scans) {
      for (const term of terms) {
        const hits = this.scan(haystack, starts, term);
        if (result) for (let i = 0; i < result.length; i += 1) result[i] = (result[i] as number) & (hits[i] as number);
        else result = hits;
      }
    }
    return result ?? new Uint8Array(this.size).fill(1);
  }

  private scan(haystack: string, starts: Int32Array, term: string): Uint8Array {
    const hits = new Uint8Array(this.size);
    if (term.includes(entrySeparator)) return hits;
    let entry = 0;
    let position = haystack.indexOf(term);
    while (position !== -1) {
      while (entry + 1 < this.size && (starts[entry + 1] as number) <= position) entry += 1;
      hits[entry] = 1;
      if (entry + 1 >= this.size) break;
      position = haystack.indexOf(term, starts[entry + 1]);
    }
    return hits;
  }
}

function startsOf(texts: readonly SplitSearchText[], part: (text: SplitSearchText) => string): Int32Array {
  const starts = new Int32Array(texts.length);
  let offset = 0;
  texts.forEach((text, i) => {
    starts[i] = offset;
    offset += part(text).length + entrySeparator.length;
  });
  return starts;
}
