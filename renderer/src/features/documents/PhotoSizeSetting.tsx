import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { photoMaxDimensions, useUiStore } from '../../state/uiStore';

/** Settings: the size photos are brought down to on this computer before they are stored (downscaleImage). */
export function PhotoSizeSetting() {
  const { t } = useTranslation('documents');
  const headingId = useId();
  const size = useUiStore((s) => s.photoMaxDimension);
  const setSize = useUiStore((s) => s.setPhotoMaxDimension);
  return (
    <section className="card" aria-labelledby={headingId} data-testid="photo-size-setting">
      <h2 id={headingId}>{t('photoSize.title')}</h2>
      <fieldset className="radio-group" style={{ flexWrap: 'wrap' }}>
        <legend className="visually-hidden">{t('photoSize.legend')}</legend>
        {photoMaxDimensions.map((choice) => (
          <label key={choice}>
            <input type="radio" name="photo-max-dimension" value={choice} checked={size === choice} onChange={() => setSize(choice)} data-testid={`photo-size-${choice}`} />
            {t(`photoSize.choice.${choice}`)}
          </label>
        ))}
      </fieldset>
      <p className="field-hint">{t('photoSize.hint')}</p>
    </section>
  );
}
