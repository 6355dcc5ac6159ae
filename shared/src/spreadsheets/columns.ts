import type { Labels } from '../domain/common';
import { contentLanguages } from '../domain/common';
import { participationStatuses } from '../domain/entities/participation';
import { countries } from '../domain/taxonomy/countries';
import { organizationTypes } from '../domain/taxonomy/organizationTypes';
import { personRoles, sexes } from '../domain/taxonomy/roles';

/**
 * What a spreadsheet can bring in, and the columns each kind reads. The columns name the fields of the
 * shared schemas (the key is the field); what a valid value is stays the schemas' business: this file
 * only says how a cell is read (text, a whole number, a date, a code of a taxonomy) and what a column is
 * called in each UI language, for headers, templates and messages.
 */
export const importKinds = ['organization', 'person', 'trainee'] as const;
export type ImportKind = (typeof importKinds)[number];

/** A coded value: the code the records store, its labels, and other spellings people type. */
export interface CodeOption {
  code: string;
  label: Labels;
  /** Other accepted spellings (an ISO alpha-3 country code, a country's own name, "F" for female). */
  aliases?: readonly string[];
}

export type CodeListName = 'sex' | 'country' | 'organizationType' | 'personRole' | 'participationStatus' | 'language';

/** Participation statuses have no labels in the domain (screens translate them); the template needs some. */
const statusLabels: Record<(typeof participationStatuses)[number], Labels> = {
  enrolled: { en: 'Enrolled', zh: '已报名' },
  attending: { en: 'Attending', zh: '在读' },
  completed: { en: 'Completed', zh: '已结业' },
  'did-not-complete': { en: 'Did not complete', zh: '未结业' },
  withdrawn: { en: 'Withdrawn', zh: '已退出' },
};

const languageLabels: Record<(typeof contentLanguages)[number], Labels> = {
  en: { en: 'English', zh: '英语' },
  zh: { en: 'Chinese', zh: '中文' },
  id: { en: 'Indonesian', zh: '印尼语' },
  ms: { en: 'Malay', zh: '马来语' },
  th: { en: 'Thai', zh: '泰语' },
  vi: { en: 'Vietnamese', zh: '越南语' },
  km: { en: 'Khmer', zh: '高棉语' },
  lo: { en: 'Lao', zh: '老挝语' },
  my: { en: 'Burmese', zh: '缅甸语' },
  fil: { en: 'Filipino', zh: '菲律宾语' },
  tet: { en: 'Tetum', zh: '德顿语' },
  pt: { en: 'Portuguese', zh: '葡萄牙语' },
};

/** Every coded column's allowed values come from the shared taxonomies: the lists the schemas are built on. */
export const codeLists: Record<CodeListName, readonly CodeOption[]> = {
  sex: sexes.map((sex) => ({ ...sex, aliases: sex.code === 'female' ? ['f'] : sex.code === 'male' ? ['m'] : [] })),
  country: countries.map((country) => ({ code: country.code, label: country.label, aliases: [country.alpha3, country.nativeName] })),
  organizationType: organizationTypes.map(({ code, label }) => ({ code, label })),
  personRole: personRoles.map(({ code, label }) => ({ code, label })),
  participationStatus: participationStatuses.map((code) => ({ code, label: statusLabels[code] })),
  language: contentLanguages.map((code) => ({ code, label: languageLabels[code] })),
};

export type CellType = 'text' | 'integer' | 'date' | 'code' | 'codes';

export interface ColumnDefinition {
  /** The field the column fills (also accepted as its header). */
  key: string;
  /** The header in each UI language. */
  label: Labels;
  type: CellType;
  /** For `code` and `codes` columns: the taxonomy the value is one of. */
  codes?: CodeListName;
  /** A file without this column cannot be imported (every row would fail). */
  required?: boolean;
  /** Other headers accepted for the column. */
  aliases?: readonly string[];
  /** One line for the template's instructions. */
  hint?: Labels;
}

const column = (key: string, en: string, zh: string, type: CellType = 'text', extra: Partial<ColumnDefinition> = {}): ColumnDefinition => ({
  key,
  label: { en, zh },
  type,
  ...extra,
});

const organizationColumns: readonly ColumnDefinition[] = [
  column('nameEn', 'Name (English)', '名称（英文）', 'text', { aliases: ['name', '名称'], hint: { en: 'At least one of the three names.', zh: '三个名称至少填写一个。' } }),
  column('nameZh', 'Name (Chinese)', '名称（中文）'),
  column('nameLocal', 'Name (local language)', '名称（当地语言）', 'text', { hint: { en: 'The name in the country’s own language and script.', zh: '所在国语言文字的名称。' } }),
  column('nameLocalLanguage', 'Local language', '当地语言', 'code', {
    codes: 'language',
    hint: { en: 'Language of the local name; when empty, the country’s main language.', zh: '当地名称所用语言；留空则为该国主要语言。' },
  }),
  column('acronym', 'Acronym', '简称'),
  column('type', 'Type', '类型', 'code', { codes: 'organizationType', required: true }),
  column('country', 'Country', '国家', 'code', { codes: 'country', required: true }),
  column('city', 'City', '城市'),
  column('address', 'Address', '地址'),
  column('website', 'Website', '网站', 'text', { hint: { en: 'Starting with http:// or https://.', zh: '以 http:// 或 https:// 开头。' } }),
  column('email', 'E-mail', '电子邮箱'),
  column('phone', 'Phone', '电话'),
  column('iatiIdentifier', 'IATI identifier', 'IATI 标识符'),
];

const personColumns: readonly ColumnDefinition[] = [
  column('nameNative', 'Name (native script)', '姓名（本国文字）', 'text', {
    hint: { en: 'The name as its owner writes it. At least one of the two names.', zh: '本人书写的姓名。两个姓名至少填写一个。' },
  }),
  column('nameNativeLanguage', 'Language of the native name', '本国文字姓名的语言', 'code', { codes: 'language' }),
  column('nameRomanized', 'Name (romanized)', '姓名（拉丁字母）', 'text', { aliases: ['name', '姓名'] }),
  column('sex', 'Sex', '性别', 'code', { codes: 'sex', required: true }),
  column('birthYear', 'Year of birth', '出生年份', 'integer'),
  column('country', 'Country', '国家', 'code', { codes: 'country', required: true, hint: { en: 'Where the person lives and works.', zh: '本人工作和居住的国家。' } }),
  column('nationality', 'Nationality', '国籍', 'code', { codes: 'country' }),
  column('organization', 'Organization', '所属机构', 'text', {
    hint: { en: 'Name or acronym of an organization already on this computer.', zh: '本机已有机构的名称或简称。' },
  }),
  column('position', 'Position', '职务'),
  column('roles', 'Roles', '角色', 'codes', { codes: 'personRole', hint: { en: 'One or more, separated by commas.', zh: '一个或多个，用逗号分隔。' } }),
  column('email', 'E-mail', '电子邮箱', 'text', { hint: { en: 'Recognises the person on a later import.', zh: '再次导入时据此识别此人。' } }),
  column('phone', 'Phone', '电话'),
];

const traineeColumns: readonly ColumnDefinition[] = [
  ...personColumns.map((c) => (c.key === 'roles' ? { ...c, hint: { en: 'Optional: "trainee" is always added.', zh: '可选：始终包含“学员”。' } } : c)),
  column('status', 'Status', '状态', 'code', { codes: 'participationStatus', hint: { en: 'When empty: enrolled.', zh: '留空则为“已报名”。' } }),
  column('attendanceDays', 'Days attended', '出勤天数', 'integer'),
  column('completedOn', 'Completion date', '结业日期', 'date', { hint: { en: 'YYYY-MM-DD.', zh: '格式：YYYY-MM-DD。' } }),
  column('certificateNumber', 'Certificate number', '证书编号', 'text', { hint: { en: 'Only with the status "completed".', zh: '仅在状态为“已结业”时填写。' } }),
];

/** The people import needs the roles column (a person has at least one role); trainees get "trainee". */
export const importColumns: Record<ImportKind, readonly ColumnDefinition[]> = {
  organization: organizationColumns,
  person: personColumns.map((c) => (c.key === 'roles' ? { ...c, required: true } : c)),
  trainee: traineeColumns,
};

/** Groups of columns of which a file must have at least one (a name). */
export const requiredOneOf: Record<ImportKind, readonly (readonly string[])[]> = {
  organization: [['nameEn', 'nameZh', 'nameLocal']],
  person: [['nameNative', 'nameRomanized']],
  trainee: [['nameNative', 'nameRomanized']],
};

export function columnOf(kind: ImportKind, key: string): ColumnDefinition | undefined {
  return importColumns[kind].find((c) => c.key === key);
}

/**
 * How headers and codes are compared: width-folded (full-width brackets become ASCII), lower case,
 * without spaces, underscores, hyphens, asterisks (a "required" mark) or dots.
 */
export function normalizeLabel(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[\s_\-*.:：]+/gu, '');
}

const lookups = new Map<CodeListName, Map<string, string>>();

/** The code a typed value stands for (its code, either label, or an alias, in any case), if any. */
export function findCode(list: CodeListName, value: string): string | undefined {
  let lookup = lookups.get(list);
  if (!lookup) {
    lookup = new Map();
    for (const option of codeLists[list]) {
      for (const spelling of [option.code, option.label.en, option.label.zh, ...(option.aliases ?? [])]) {
        const key = normalizeLabel(spelling);
        if (key && !lookup.has(key)) lookup.set(key, option.code);
      }
    }
    lookups.set(list, lookup);
  }
  return lookup.get(normalizeLabel(value));
}
