import { PageLocale } from '@navette/web-kit';
import { catalogue, type MessageKey } from './i18n.js';

/** This page's interface language, remembered under its own key. */
export class Locale extends PageLocale<MessageKey> {
  static fromBrowser(): Locale {
    return new Locale(catalogue, 'navette.track.lang');
  }
}
