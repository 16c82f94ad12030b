import { detectLang, otherLang, type Catalogue, type Lang, type MessageParams } from './i18n.js';

/** What a component needs to show text: the language, its formats, the messages. */
export interface Translator<K extends string> {
  readonly lang: Lang;
  /** The locale for dates and numbers: the browser's own when it speaks this language (en-GB, fr-CA). */
  readonly formatLocale: string;
  t(key: K, params?: MessageParams): string;
  /** An API error code in the interface language, when the page explains that code itself. */
  explain(code: string): string | undefined;
  /** Calls `render` now and after every language change. */
  bind(render: () => void): void;
}

/**
 * The interface language of one page: chosen by the browser, changed by the toggle, remembered
 * in localStorage under the page's own key.
 */
export class PageLocale<K extends string> implements Translator<K> {
  lang: Lang;
  private listeners: (() => void)[] = [];

  constructor(
    private readonly catalogue: Catalogue<K>,
    private readonly storageKey: string,
  ) {
    const saved = localStorage.getItem(storageKey);
    this.lang =
      saved === 'en' || saved === 'fr'
        ? saved
        : detectLang(navigator.languages.length ? navigator.languages : [navigator.language]);
    document.documentElement.lang = this.lang;
  }

  get formatLocale(): string {
    return navigator.language.toLowerCase().startsWith(this.lang) ? navigator.language : this.lang;
  }

  t = (key: K, params?: MessageParams): string => this.catalogue.translate(this.lang, key, params);

  explain(code: string): string | undefined {
    const key = this.catalogue.errorMessageKey(code);
    return key ? this.t(key) : undefined;
  }

  toggle(): void {
    this.lang = otherLang(this.lang);
    localStorage.setItem(this.storageKey, this.lang);
    document.documentElement.lang = this.lang;
    for (const listener of this.listeners) listener();
  }

  bind(render: () => void): void {
    this.listeners.push(render);
    render();
  }
}
