/**
 * The text of docs/用户手册.md, bundled with the app (offline: nothing is fetched). A module of its
 * own, loaded only when 帮助 opens, so the first screen does not carry the manual.
 */
export { default } from '../../../docs/用户手册.md?raw';
