/** The app's version, from package.json (bundled into the packaged app at build time). */
import pkg from '../../package.json' with { type: 'json' };

export const appVersion: string = pkg.version;
