import type { BundleProgress } from '@shared/bundle/types';
import { isGlobalRole } from '@shared/access/rules';
import { countries, labelOf, userRoles } from '@shared/domain';
import { useTranslation } from 'react-i18next';
import { useLabel } from '../../i18n';
import { useUiStore } from '../../state/uiStore';
import { formatBytes, formatNumber } from '../../ui/format';
import { sentenceParams, shortParams, type BundleFailure } from './bundleFailure';
import type { KnownDevice } from './exportModel';
import { shortDevice } from '../../ui/format';

/** Params a sentence may name that a refusal did not fill: a sentence never shows `{{part}}`. */
const unknownParams = Object.fromEntries(sentenceParams.map((name) => [name, '?']));

/**
 * The Bundles page's words for things the code holds as codes: failures, devices, countries, progress.
 * Every failure becomes one translated sentence; a technical detail, when there is one, follows apart.
 */
export function useBundleText(devices: readonly KnownDevice[] = []) {
  const { t } = useTranslation('bundles');
  const label = useLabel();
  const language = useUiStore((s) => s.language);

  const deviceOf = (deviceId: string) => devices.find((device) => device.deviceId === deviceId);
  const deviceName = (deviceId: string): string => deviceOf(deviceId)?.displayName ?? t('device.unknown', { id: shortDevice(deviceId) });
  const countryNames = (codes: readonly string[]) => codes.map((code) => label(labelOf(countries, code)) || code).join(', ');
  const roleName = (role: string) => label(labelOf(userRoles, role)) || role;

  /** "Somchai Phanit — Field officer, Thailand". */
  const deviceDescription = (device: KnownDevice) =>
    t('device.description', {
      name: device.displayName,
      role: roleName(device.role),
      countries: isGlobalRole(device.role) ? t('device.allCountries') : device.countries.length === 0 ? t('device.noCountries') : countryNames(device.countries),
    });

  /** 'server', 'passphrase' or a device id, as the log and the acknowledgements name the other side. */
  const counterpartName = (counterpart: string) => {
    if (counterpart === 'server') return t('counterpart.server');
    if (counterpart === 'passphrase') return t('counterpart.passphrase');
    return deviceName(counterpart);
  };

  const failureText = (failure: BundleFailure): string => {
    switch (failure.kind) {
      case 'bundle': {
        const params = shortParams(failure.params, (id) => deviceOf(id)?.displayName);
        const named = {
          ...unknownParams,
          ...params,
          ...(typeof params.size === 'number' ? { size: formatBytes(params.size, language) } : {}),
          ...(typeof params.limit === 'number' ? { limit: formatBytes(params.limit, language) } : {}),
          // No country at all is a record with none (a global record), which a country officer may not carry.
          country: params.country ? countryNames([String(params.country)]) : t('errors.noCountry'),
          ...(params.addressedTo === 'server' ? { addressedTo: t('counterpart.server') } : {}),
        };
        return t(`errors.${failure.code}`, named);
      }
      case 'api':
        return t('failure.server', { reason: t(`sync:api.${failure.code}`, { defaultValue: t('sync:api.internal') }) });
      case 'bridge':
        return t(`bridge.${failure.code}`, { defaultValue: t('bridge.failed') });
      case 'local':
        return t('failure.local', { message: failure.message });
    }
  };

  /** A technical detail a refusal carries (in English: it names what a program found), or undefined. */
  const failureDetail = (failure: BundleFailure): string | undefined =>
    failure.kind === 'bundle' && typeof failure.params.detail === 'string' && failure.params.detail ? failure.params.detail : undefined;

  const progressLabel = (progress: BundleProgress) => t(`progress.${progress.phase}`);
  const progressDetail = (progress: BundleProgress) =>
    progress.total > 0 ? t('progress.detail', { done: formatNumber(progress.done, language), total: formatNumber(progress.total, language) }) : undefined;

  return { deviceOf, deviceName, deviceDescription, countryNames, roleName, counterpartName, failureText, failureDetail, progressLabel, progressDetail, language };
}
