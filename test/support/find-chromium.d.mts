/** Types of find-chromium.mjs, for the TypeScript tests that launch a browser themselves. */
export declare const CHROMIUM_FLAGS: string[];
export declare function findChromium(): string | undefined;
export declare function ensureChromium(): string;
export declare function ensureDebianTool(command: string, aptPackage: string): void;
