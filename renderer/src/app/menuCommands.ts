import type { MenuCommand } from '@shared/bridge/contract';

/** Where each menu command (the desktop menu, or the in-page Data menu) takes the user. */
export const menuCommandRoutes: Record<MenuCommand, string> = {
  'import-records': '/data?action=import',
  'load-demo-data': '/data?action=demo',
  'export-bundle': '/bundles?action=export',
  'import-bundle': '/bundles?action=import',
  'go-activities': '/activities',
  'go-organizations': '/organizations',
  'go-settings': '/settings',
};
