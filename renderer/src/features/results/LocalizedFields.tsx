import { contentLanguages, type ContentLanguage } from '@shared/domain';
import { useTranslation } from 'react-i18next';
import { useUiStore } from '../../state/uiStore';
import { Field } from '../../ui/Field';
import { titleLanguages } from './resultForms';

type Text = Partial<Record<ContentLanguage, string>>;

export interface LocalizedField {
  name: string;
  /** Label of the field in the UI language; `labelIn` for the other languages ("Title in Thai"). */
  label: string;
  labelIn: (language: string) => string;
  value: Text;
  onChange: (value: Text) => void;
  error?: string;
  required?: boolean;
  multiline?: boolean;
}

/**
 * Multilingual texts of a record (a result's title and description): one input per text in the reader's
 * UI language, and the same texts in the other languages (the other UI language, a local language) under
 * a disclosure, open when something is already written there.
 */
export function LocalizedFields({ fields, localLanguage, onLocalLanguage, testIdPrefix }: { fields: LocalizedField[]; localLanguage: ContentLanguage | ''; onLocalLanguage: (language: ContentLanguage | '') => void; testIdPrefix: string }) {
  const { t } = useTranslation('results');
  const uiLanguage = useUiStore((s) => s.language);
  const [first, ...others] = titleLanguages(uiLanguage, localLanguage);
  const writtenElsewhere = fields.some((field) => others.some((l) => field.value[l]));

  const input = (field: LocalizedField, language: ContentLanguage, primary: boolean) => (
    <Field key={`${field.name}-${language}`} label={primary ? field.label : field.labelIn(t(`activities:languages.${language}`))} error={primary ? field.error : undefined} required={primary && field.required}>
      {(props) =>
        field.multiline ? (
          <textarea {...props} lang={language} rows={3} value={field.value[language] ?? ''} onChange={(e) => field.onChange({ ...field.value, [language]: e.target.value })} data-testid={`${testIdPrefix}-${field.name}-${language}`} />
        ) : (
          <input {...props} lang={language} value={field.value[language] ?? ''} onChange={(e) => field.onChange({ ...field.value, [language]: e.target.value })} data-testid={`${testIdPrefix}-${field.name}-${language}`} />
        )
      }
    </Field>
  );

  return (
    <>
      <div className="form-grid">{fields.map((field) => first && input(field, first, true))}</div>
      <details open={writtenElsewhere || Boolean(localLanguage)}>
        <summary>{t('form.otherLanguages')}</summary>
        <Field label={t('form.localLanguage')}>
          {(props) => (
            <select {...props} value={localLanguage} onChange={(e) => onLocalLanguage(e.target.value as ContentLanguage | '')} data-testid={`${testIdPrefix}-local-language`}>
              <option value="">{t('form.noLocalLanguage')}</option>
              {contentLanguages
                .filter((l) => l !== 'en' && l !== 'zh')
                .map((l) => (
                  <option key={l} value={l}>
                    {t(`activities:languages.${l}`)}
                  </option>
                ))}
            </select>
          )}
        </Field>
        <div className="form-grid">{others.flatMap((language) => fields.map((field) => input(field, language, false)))}</div>
      </details>
    </>
  );
}
