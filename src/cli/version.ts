/** Replaced at bundle time by esbuild's `define` with package.json's version. */
declare const __CLOUDWARDEN_VERSION__: string | undefined;

export const VERSION: string = typeof __CLOUDWARDEN_VERSION__ === 'string' ? __CLOUDWARDEN_VERSION__ : 'development';
