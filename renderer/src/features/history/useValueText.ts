import type { EntityType } from '@shared/domain';
import { deletedField } from '@shared/sync/change';
import { useTranslation } from 'react-i18next';
import { useUiStore } from '../../state/uiStore';
import { kindFields } from '../activities/kindFields';
import { formatValue, narrowToChanges, type ValueContext } from './formatValue';

/** The features whose forms already label an entity's fields: their labels are reused, not repeated. */
const formNamespaces: Partial<Record<EntityType, string>> = { activity: 'activities', organization: 'organizations' };
/** Stored field names whose form label has another key. */
const formKeys: Record<string, string> = { parentId: 'parent' };

/** Kind-specific activity fields whose values are translated codes (form options, content languages). */
const activityCodeFields = new Map(Object.values(kindFields).flatMap((fields) => fields.filter((f) => f.type === 'select' || f.type === 'language').map((f) => [f.name, f.type] as const)));

/**
 * Field names and values in the reader's language, for history and conflicts: the forms' labels where
 * there are some, this feature's own for the fields no form shows (title, details, createdAt), and the
 * raw name as the last resort, so that a field added later still shows up rather than vanishing.
 */
export function useValueText() {
  const { t, i18n } = useTranslation('history');
  const language = useUiStore((s) => s.language);

  const firstKnown = (keys: string[], fallback: string) => {
    const key = keys.find((candidate) => i18n.exists(candidate));
    return key ? t(key) : fallback;
  };

  const fieldLabel = (entity: EntityType, field: string, value?: unknown): string => {
    if (field === deletedField) return value === false ? t('restored') : t('deleted');
    const ns = formNamespaces[entity];
    return firstKnown([...(ns ? [`${ns}:fields.${formKeys[field] ?? field}`] : []), `history:fields.${field}`], field);
  };

  const context = (entity: EntityType): ValueContext => {
    const ns = formNamespaces[entity];
    return {
      language,
      entity,
      words: { yes: t('yes'), no: t('no'), empty: t('emptyValue') },
      keyLabel: (key) => firstKnown([...(ns ? [`${ns}:details.${key}`, `${ns}:fields.${formKeys[key] ?? key}`] : []), `history:fields.${key}`], key),
      codeLabel: (field, code) => {
        if (entity !== 'activity') return undefined;
        const type = activityCodeFields.get(field);
        const key = type === 'select' ? `activities:options.${code}` : type === 'language' ? `activities:languages.${code}` : undefined;
        return key && i18n.exists(key) ? t(key) : undefined;
      },
    };
  };

  return {
    fieldLabel,
    /** One value, as text. */
    valueText: (entity: EntityType, field: string, value: unknown) => formatValue(field, value, context(entity)),
    /** A change's old and new values, as text, narrowed to what differs inside object values. */
    changeText: (entity: EntityType, field: string, previous: unknown, value: unknown): [string, string] => {
      const [before, after] = narrowToChanges(previous, value);
      const within = context(entity);
      return [formatValue(field, before, within), formatValue(field, after, within)];
    },
  };
}
