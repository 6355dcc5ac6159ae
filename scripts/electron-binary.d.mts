// Types for electron-binary.mjs (plain JavaScript, so `npm start` runs without a TypeScript step).
export declare const webAppUrl: string;
export declare function executableRelativePath(platform: string): string;
export declare function findElectronBinary(options: {
  electronDir: string;
  env?: Record<string, string | undefined>;
  platform?: string;
  exists?: (path: string) => boolean;
  read?: (path: string, encoding: 'utf8') => string;
}): string | undefined;
export declare function missingBinaryMessage(options: { downloadAttempted: boolean }): string;
