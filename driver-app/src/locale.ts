import { detectLang, otherLang, translate, type Lang, type MessageKey } from './i18n.js';

const STORAGE_KEY = 'navette.driver.lang';

/** The interface language of this page: chosen by the browser, changed by the toggle, remembered. */
export class Locale {
  private listeners: (() => void)[] = [];

  constructor(public lang: Lang) {}

  static fromBrowser(): Locale {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === 'en' || saved === 'fr') return new Locale(saved);
    return new Locale(detectLang(navigator.languages.length ? navigator.languages : [navigator.language]));
  }

  /** The locale for dates and numbers: the browser's own when it speaks this language (en-GB, fr-CA). */
  get formatLocale(): string {
    return navigator.language.toLowerCase().startsWith(this.lang) ? navigator.language : this.lang;
  }

  t = (key: MessageKey, params?: Record<string, string | number>): string =>
    translate(this.lang, key, params);

  toggle(): void {
    this.lang = otherLang(this.lang);
    localStorage.setItem(STORAGE_KEY, this.lang);
    document.documentElement.lang = this.lang;
    for (const listener of this.listeners) listener();
  }

  /** Calls `render` now and after every language change. */
  bind(render: () => void): void {
    this.listeners.push(render);
    render();
  }
}
