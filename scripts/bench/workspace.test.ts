import { describe, expect, it } from 'vitest';
import { profileSummary } from './workspace';

describe('the workspace benchmark profile summary', () => {
  it('adds up self time per function, by name and place, the largest first', () => {
    const frame = (functionName: string, url = '', lineNumber = -1, columnNumber = -1) => ({ functionName, url, lineNumber, columnNumber });
    const summary = profileSummary(
      {
        nodes: [
          { id: 1, callFrame: frame('(root)') },
          { id: 2, callFrame: frame('indexPeople', 'http://127.0.0.1/assets/index-abc.js', 9, 4) },
          { id: 3, callFrame: frame('(idle)') },
          // The same function reached by another path is one entry.
          { id: 4, callFrame: frame('indexPeople', 'http://127.0.0.1/assets/index-abc.js', 9, 4) },
          { id: 5, callFrame: frame('', 'http://127.0.0.1/assets/index-abc.js', 99, 0) },
        ],
        samples: [2, 3, 4, 2, 5, 3],
        timeDeltas: [1000, 4000, 2000, 1500, 500, 250],
      },
      2,
    );
    expect(summary.totalMs).toBe(9.25);
    expect(summary.functions).toEqual([
      { name: 'indexPeople index-abc.js:10:5', ms: 4.5 },
      { name: '(idle)', ms: 4.25 },
    ]);
  });

  it('reads a profile with no samples as no time', () => {
    expect(profileSummary({ nodes: [] })).toEqual({ totalMs: 0, functions: [] });
  });
});
