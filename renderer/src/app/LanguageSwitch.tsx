import { uiLanguages, type UiLanguage } from '@shared/domain';
import { useTranslation } from 'react-i18next';
import { useUiStore } from '../state/uiStore';

/** Language names are written in their own language, so anyone can find theirs. */
const languageNames: Record<UiLanguage, string> = { en: 'English', zh: '中文' };

export function LanguageSwitch() {
  const { t } = useTranslation();
  const language = useUiStore((state) => state.language);
  const setLanguage = useUiStore((state) => state.setLanguage);
  return (
    <label className="language-switch">
      <span className="visually-hidden">{t('shell.language')}</span>
      <select value={language} onChange={(event) => setLanguage(event.target.value as UiLanguage)} data-testid="language-switch">
        {uiLanguages.map((code) => (
          <option key={code} value={code} lang={code}>
            {languageNames[code]}
          </option>
        ))}
      </select>
    </label>
  );
}
