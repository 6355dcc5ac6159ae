import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

/**
 * Search queries a person would type, taken from the data itself so that they find something: a word
 * of a title (for scripts with spaces) or a few characters of it (Chinese, Thai, Lao, Khmer, Burmese).
 */
export async function sampleQueries(file: string, count: number, seed = 42): Promise<string[]> {
  const titles: string[] = [];
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line.includes('"entity":"activity"')) continue;
    const record = JSON.parse(line) as { title?: Record<string, string> };
    titles.push(...Object.values(record.title ?? {}));
    if (titles.length > 5000) break;
  }
  if (titles.length === 0) throw new Error(`no activity titles in ${file} to take search queries from`);
  let state = seed;
  const random = () => ((state = (state * 1103515245 + 12345) % 2147483648) / 2147483648);
  const queries: string[] = [];
  while (queries.length < count) {
    const title = titles[Math.floor(random() * titles.length)] as string;
    const words = title.split(/\s+/).filter((w) => w.length >= 4 && /\p{L}/u.test(w));
    if (words.length > 1) queries.push((words[Math.floor(random() * words.length)] as string).replace(/[^\p{L}\p{M}\p{N}-]/gu, ''));
    else {
      const chars = [...title.replace(/\s/g, '')];
      const start = Math.floor(random() * Math.max(1, chars.length - 3));
      queries.push(chars.slice(start, start + 3).join(''));
    }
  }
  // Each query must differ from the one before it, or the list would have nothing to change and the
  // timing would wait for ever.
  return queries.filter((query, i) => query !== '' && query !== queries[i - 1]);
}
