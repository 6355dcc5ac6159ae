import { describe, expect, it } from 'vitest';
import { photoMaxDimensions } from '../../state/uiStore';
import en from './locales/en.json';
import zh from './locales/zh.json';

describe('documents translations built from data', () => {
  it('names every photo size offered in the settings, in English and Chinese', () => {
    for (const table of [en, zh]) {
      const choices = table.photoSize.choice as Record<string, string>;
      expect(photoMaxDimensions.map((size) => choices[String(size)]?.trim()).filter(Boolean)).toHaveLength(photoMaxDimensions.length);
    }
  });
});
