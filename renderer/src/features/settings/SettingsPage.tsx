import type { BridgeResponse } from '@shared/bridge/contract';
import { uiLanguages, type UiLanguage } from '@shared/domain';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getBridge } from '../../bridge';
import { storageEstimate } from '../../db/storage';
import { usePersistenceStore } from '../../state/persistenceStore';
import { useUiStore } from '../../state/uiStore';
import { formatBytes } from '../../ui/format';
import { PhotoSizeSetting } from '../documents/PhotoSizeSetting';

const languageNames: Record<UiLanguage, string> = { en: 'English', zh: '中文' };

export function SettingsPage() {
  const { t } = useTranslation('settings');
  const language = useUiStore((s) => s.language);
  const setLanguage = useUiStore((s) => s.setLanguage);
  const persistence = usePersistenceStore((s) => s.state);
  const [estimate, setEstimate] = useState<{ usage: number; quota: number }>();
  const [info, setInfo] = useState<BridgeResponse<'app:getInfo'>>();

  useEffect(() => {
    void storageEstimate().then(setEstimate);
    void getBridge().invoke('app:getInfo', undefined).then(setInfo);
  }, []);

  return (
    <section className="page" aria-labelledby="settings-heading">
      <div className="page-header">
        <h1 id="settings-heading">{t('title')}</h1>
      </div>
      <section className="card" aria-labelledby="language-heading">
        <h2 id="language-heading">{t('language.title')}</h2>
        <fieldset className="radio-group">
          <legend className="visually-hidden">{t('language.title')}</legend>
          {uiLanguages.map((code) => (
            <label key={code} lang={code}>
              <input type="radio" name="ui-language" value={code} checked={language === code} onChange={() => setLanguage(code)} />
              {languageNames[code]}
            </label>
          ))}
        </fieldset>
        <p className="field-hint">{t('language.hint')}</p>
      </section>
      <PhotoSizeSetting />
      <section className="card" aria-labelledby="storage-heading">
        <h2 id="storage-heading">{t('storage.title')}</h2>
        <p data-testid="storage-persistence">{t(`storage.${persistence}`)}</p>
        {estimate && <p>{t('storage.usage', { usage: formatBytes(estimate.usage, language), quota: formatBytes(estimate.quota, language) })}</p>}
      </section>
      {info && (
        <section className="card" aria-labelledby="about-heading">
          <h2 id="about-heading">{t('about.title')}</h2>
          <p>{t('about.version', { version: info.appVersion, host: t(`about.host.${info.host}`), platform: info.platform })}</p>
        </section>
      )}
    </section>
  );
}
