import { describe, expect, it } from 'vitest';
import { fitWithin, isScalableImage, jpegFileName } from './downscaleImage';

describe('fitWithin: the size a photo is brought down to', () => {
  it('brings the longest side down to the maximum, keeping the aspect ratio', () => {
    expect(fitWithin(4000, 3000, 1600)).toEqual({ width: 1600, height: 1200 });
    expect(fitWithin(3000, 4000, 1600)).toEqual({ width: 1200, height: 1600 });
    expect(fitWithin(4032, 3024, 1280)).toEqual({ width: 1280, height: 960 });
    expect(fitWithin(5000, 5000, 800)).toEqual({ width: 800, height: 800 });
    expect(fitWithin(1999, 1000, 800)).toEqual({ width: 800, height: 400 });
  });

  it('never enlarges, and keeps an image that already fits as it is', () => {
    expect(fitWithin(1600, 900, 1600)).toEqual({ width: 1600, height: 900 });
    expect(fitWithin(640, 480, 2048)).toEqual({ width: 640, height: 480 });
  });

  it('keeps at least one pixel of a very thin image, and knows nothing of empty ones', () => {
    expect(fitWithin(10000, 2, 800)).toEqual({ width: 800, height: 1 });
    expect(fitWithin(0, 100, 800)).toEqual({ width: 0, height: 0 });
  });
});

describe('which files are scaled', () => {
  it('scales photos, not drawings that scale themselves, animations or other files', () => {
    expect(['image/jpeg', 'image/png', 'IMAGE/WEBP', 'image/heic'].map(isScalableImage)).toEqual([true, true, true, true]);
    expect(['image/svg+xml', 'image/gif', 'application/pdf', ''].map(isScalableImage)).toEqual([false, false, false, false]);
  });

  it('names the result as a JPEG', () => {
    expect(jpegFileName('IMG_1234.HEIC')).toBe('IMG_1234.jpg');
    expect(jpegFileName('plot 3.png')).toBe('plot 3.jpg');
    expect(jpegFileName('.png')).toBe('photo.jpg');
  });
});
