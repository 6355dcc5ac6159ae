import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { saveDialogOptions } from './saveDialogOptions';

describe('save dialog options', () => {
  it('starts in the folder with the suggested name and its type first', () => {
    const options = saveDialogOptions('activities.csv', '/home/ana/Documents');
    expect(options.defaultPath).toBe(path.join('/home/ana/Documents', 'activities.csv'));
    expect(options.filters).toEqual([
      { name: 'CSV file', extensions: ['csv'] },
      { name: 'All files', extensions: ['*'] },
    ]);
  });

  it('names a sync bundle as such', () => {
    expect(saveDialogOptions('TH.stepbundle', '/tmp').filters?.[0]).toEqual({ name: 'STEP sync bundle', extensions: ['stepbundle'] });
  });

  it('offers all files when the name has no extension', () => {
    expect(saveDialogOptions('README', '/tmp').filters).toEqual([{ name: 'All files', extensions: ['*'] }]);
  });
});
