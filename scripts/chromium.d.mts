export declare const chromiumCandidates: string[];
export declare function findChromium(env?: Record<string, string | undefined>, exists?: (path: string) => boolean): string | undefined;
export declare function chromiumArgs(): string[];
