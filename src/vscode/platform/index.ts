/** The platform this build runs on: ./node in the desktop bundle, ./web in the browser bundle (swapped by the build). */
export { platform } from './node';
export type { GitResult, Platform } from './types';
