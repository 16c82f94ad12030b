import { SessionStore } from '@navette/web-kit';

/** This page's signed-in member, for the tab's lifetime (its own key: see the kit's SessionStore). */
export const {
  load: loadSession,
  save: saveSession,
  clear: clearSession,
} = new SessionStore('navette.console.session');
