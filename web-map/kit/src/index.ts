// @navette/web-kit: what every Navette front end shares (infra/adr/0017). Named exports only; the
// package has no side effects, so a page bundles only what it uses.
export { AccountBar, type AccountBarInput } from './account-bar.js';
export { ApiClient, ApiError, idempotencyKey } from './api-client.js';
export type { GetPath, GetRoutes, PostPath, PostRoutes } from './api-routes.js';
export { h, show } from './dom.js';
export {
  catalogueFaults,
  defineCatalogue,
  detectLang,
  KIT_MESSAGE_KEYS,
  LANGS,
  otherLang,
  type Catalogue,
  type Dictionaries,
  type KitMessageKey,
  type Lang,
  type MessageParams,
  SAME_IN_FRENCH,
  untranslatedFaults,
} from './i18n.js';
export { PageLocale, type Translator } from './locale.js';
export { REPORT_KINDS, ReportForm, type ReportFormWords, type ReportKind } from './report-form.js';
export { errorBodyText, errorText, loginForm } from './login-form.js';
export { ACK_TIMEOUT_MS, connectRealtime, noAck, type Ack, type NavetteSocket } from './realtime.js';
export { SessionStore } from './session.js';
export { Store } from './store.js';
