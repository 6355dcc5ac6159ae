/**
 * The app's version as the browser build reports it (Electron reads package.json through
 * app.getVersion()). A constant, not an import of package.json, so shared code does not climb out of
 * its folder; contract.test.ts fails when the two disagree.
 */
export const appVersion = '0.1.0';
