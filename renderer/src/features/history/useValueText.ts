import type { EntityType } from '@shared/domain';
import { entityLabels } from '@shared/domain/fieldLabels';
import { deletedField } from '@shared/sync/change';
import { useTranslation } from 'react-i18next';
import { useUiStore } from '../../state/uiStore';
import { fieldNameText, formatValue, formatValues, narrowToChanges, pickLabel, type ValueContext } from './formatValue';
import type { RecordNames } from './recordNames';

/**
 * Field names and values in the reader's language, for history and conflicts (and the import and sync
 * reports, which name fields). `names` are the names of the records the values' ids point to, read
 * beforehand (`loadRecordNames`); without them an id shows as the end of itself.
 */
export function useValueText(names?: RecordNames) {
  const { t } = useTranslation('history');
  const language = useUiStore((s) => s.language);

  const fieldLabel = (entity: EntityType, field: string, value?: unknown): string => {
    if (field === deletedField) return value === false ? t('restored') : t('deleted');
    return fieldNameText(entity, field, language);
  };

  const context = (entity: EntityType): ValueContext => ({
    language,
    entity,
    words: { yes: t('yes'), no: t('no'), empty: t('emptyValue'), metres: t('metres') },
    recordName: names ? (target, id) => names.nameOf(target, id, language) : undefined,
  });

  return {
    fieldLabel,
    /** What a kind of record is called. */
    entityLabel: (entity: EntityType) => pickLabel(entityLabels[entity], language),
    /** One value, as text. */
    valueText: (entity: EntityType, field: string, value: unknown) => formatValue(field, value, context(entity)),
    /** Competing values of one field (a conflict's), as text, told apart. */
    valuesText: (entity: EntityType, field: string, values: readonly unknown[]) => formatValues(field, values, context(entity)),
    /** A change's old and new values, as text, narrowed to what differs inside object values. */
    changeText: (entity: EntityType, field: string, previous: unknown, value: unknown): [string, string] => {
      const [before, after] = narrowToChanges(previous, value);
      const [beforeText = '', afterText = ''] = formatValues(field, [before, after], context(entity));
      return [beforeText, afterText];
    },
  };
}
