import { z } from 'zod';
import type { ContentLanguage, Labels } from '../common';

export interface Country {
  /** ISO 3166-1 alpha-2. */
  code: string;
  /** ISO 3166-1 alpha-3. */
  alpha3: string;
  label: Labels;
  /** The country's name in its own language and script. */
  nativeName: string;
  /** Year of ASEAN membership; absent for China. */
  aseanSince?: number;
  currency: string;
  /** Languages its people most often write program records in. */
  languages: ContentLanguage[];
}

/** The eleven ASEAN member states (Timor-Leste since 2025) and China. */
export const countries = [
  { code: 'BN', alpha3: 'BRN', label: { en: 'Brunei Darussalam', zh: '文莱' }, nativeName: 'Negara Brunei Darussalam', aseanSince: 1984, currency: 'BND', languages: ['ms', 'en'] },
  { code: 'KH', alpha3: 'KHM', label: { en: 'Cambodia', zh: '柬埔寨' }, nativeName: 'កម្ពុជា', aseanSince: 1999, currency: 'KHR', languages: ['km', 'en'] },
  { code: 'ID', alpha3: 'IDN', label: { en: 'Indonesia', zh: '印度尼西亚' }, nativeName: 'Indonesia', aseanSince: 1967, currency: 'IDR', languages: ['id', 'en'] },
  { code: 'LA', alpha3: 'LAO', label: { en: 'Lao PDR', zh: '老挝' }, nativeName: 'ລາວ', aseanSince: 1997, currency: 'LAK', languages: ['lo', 'en'] },
  { code: 'MY', alpha3: 'MYS', label: { en: 'Malaysia', zh: '马来西亚' }, nativeName: 'Malaysia', aseanSince: 1967, currency: 'MYR', languages: ['ms', 'en', 'zh'] },
  { code: 'MM', alpha3: 'MMR', label: { en: 'Myanmar', zh: '缅甸' }, nativeName: 'မြန်မာ', aseanSince: 1997, currency: 'MMK', languages: ['my', 'en'] },
  { code: 'PH', alpha3: 'PHL', label: { en: 'Philippines', zh: '菲律宾' }, nativeName: 'Pilipinas', aseanSince: 1967, currency: 'PHP', languages: ['fil', 'en'] },
  { code: 'SG', alpha3: 'SGP', label: { en: 'Singapore', zh: '新加坡' }, nativeName: 'Singapura', aseanSince: 1967, currency: 'SGD', languages: ['en', 'zh', 'ms'] },
  { code: 'TH', alpha3: 'THA', label: { en: 'Thailand', zh: '泰国' }, nativeName: 'ประเทศไทย', aseanSince: 1967, currency: 'THB', languages: ['th', 'en'] },
  { code: 'TL', alpha3: 'TLS', label: { en: 'Timor-Leste', zh: '东帝汶' }, nativeName: 'Timór Lorosa\'e', aseanSince: 2025, currency: 'USD', languages: ['tet', 'pt', 'en'] },
  { code: 'VN', alpha3: 'VNM', label: { en: 'Viet Nam', zh: '越南' }, nativeName: 'Việt Nam', aseanSince: 1995, currency: 'VND', languages: ['vi', 'en'] },
  { code: 'CN', alpha3: 'CHN', label: { en: 'China', zh: '中国' }, nativeName: '中国', currency: 'CNY', languages: ['zh', 'en'] },
] as const satisfies readonly Country[];

export type CountryCode = (typeof countries)[number]['code'];
export const countryCodes = countries.map((country) => country.code) as [CountryCode, ...CountryCode[]];
export const countryCodeSchema = z.enum(countryCodes, { error: 'v.country' });
export const aseanCountryCodes = countries.filter((c) => 'aseanSince' in c).map((c) => c.code) as CountryCode[];

const byCode = new Map<string, Country>(countries.map((country) => [country.code, country]));
export function findCountry(code: string): Country | undefined {
  return byCode.get(code);
}
