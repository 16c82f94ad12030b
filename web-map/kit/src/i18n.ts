/** The interface languages. English is the fallback. */
export type Lang = 'en' | 'fr';

/** Every language a catalogue must speak, in the order the language toggle cycles through. */
export const LANGS: readonly Lang[] = ['en', 'fr'];

/** Values for a message's `{name}` placeholders. */
export type MessageParams = Record<string, string | number>;

/** One page's messages: for each language, a text per key. */
export type Dictionaries<K extends string> = Record<Lang, Record<K, string>>;

/**
 * The keys the kit's own components show (login form, account bar, error texts): every page's
 * catalogue has them, in its own words.
 */
export const KIT_MESSAGE_KEYS = [
  'app.title',
  'lang.toggle',
  'login.title',
  'login.email',
  'login.password',
  'login.submit',
  'login.logout',
  'login.signedInAs',
  'error.network',
  'socket.offline',
] as const;
export type KitMessageKey = (typeof KIT_MESSAGE_KEYS)[number];

/** A page's catalogue: message lookup with placeholders, and the API error codes it explains. */
export interface Catalogue<K extends string> {
  /** The message in `lang`, with `{name}` placeholders replaced by `params`. Unknown placeholders stay. */
  translate(lang: Lang, key: K, params?: MessageParams): string;
  /** The key of an API error code this catalogue explains itself (`error.<CODE>`), if any. */
  errorMessageKey(code: string): K | undefined;
}

export function defineCatalogue<K extends string>(dictionaries: Dictionaries<K>): Catalogue<K> {
  return {
    translate: (lang, key, params = {}) =>
      dictionaries[lang][key].replace(/\{(\w+)\}/g, (whole, name: string) =>
        name in params ? String(params[name]) : whole,
      ),
    errorMessageKey: (code) => {
      const key = `error.${code}`;
      return key in dictionaries.en ? (key as K) : undefined;
    },
  };
}

/** The first of the browser's preferred languages that we speak; English otherwise. */
export function detectLang(preferred: readonly string[]): Lang {
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0];
    if (base === 'fr' || base === 'en') return base;
  }
  return 'en';
}

export function otherLang(lang: Lang): Lang {
  return lang === 'en' ? 'fr' : 'en';
}

function placeholders(text: string): string {
  return [...text.matchAll(/\{(\w+)\}/g)]
    .map((m) => m[1])
    .sort()
    .join(',');
}

/**
 * What keeps a catalogue from being complete, one line per fault (empty when complete): a key that
 * a language lacks or leaves empty, placeholders that differ between languages, a kit key missing.
 * The type of each catalogue already demands every key; this also catches casts and blank texts.
 */
export function catalogueFaults(dictionaries: Record<string, Record<string, string>>): string[] {
  const faults: string[] = [];
  const keys = new Set([...KIT_MESSAGE_KEYS, ...Object.values(dictionaries).flatMap((d) => Object.keys(d))]);
  for (const lang of LANGS) {
    const dictionary = dictionaries[lang];
    if (!dictionary) {
      faults.push(`${lang}: no dictionary`);
      continue;
    }
    for (const key of keys) {
      const text = dictionary[key];
      if (typeof text !== 'string' || text.trim() === '') faults.push(`${lang}: ${key} is missing or empty`);
      else if (lang !== 'en' && typeof dictionaries.en?.[key] === 'string') {
        if (placeholders(text) !== placeholders(dictionaries.en[key]))
          faults.push(`${lang}: ${key} has other placeholders than en`);
      }
    }
  }
  return faults;
}

/**
 * Words spelt the same in English and French that a French text may keep as they are (proper
 * names, loanwords and symbols): anything else identical to the English text is an English string
 * left in the French catalogue. Compared after placeholders, digits and punctuation are removed, so
 * "{count} km" and "Navette – {name}" are judged by their words. Keep it short: a word belongs here
 * only if a French speaker would write it so (web-map/test/catalogues-french.spec.ts).
 */
export const SAME_IN_FRENCH = new Set([
  'navette',
  'email',
  'ok',
  'km',
  'min',
  'h',
  'gtfs',
  'flex',
  'csv',
  'valueflows',
  'json',
  'ld',
  'geojson',
  'api',
  'gini',
  'transport',
  'zone',
  'zones',
  'minute',
  'minutes',
  'places',
  'message',
  'code',
  'date',
  'total',
  'service',
  'longitude',
  'latitude',
  'coordination',
]);

/** Lowercase words of a text without its placeholders, digits and punctuation. */
function wordsOf(text: string): string[] {
  return text
    .replace(/\{\w+\}/g, ' ')
    .toLowerCase()
    .split(/[^\p{L}]+/u)
    .filter((w) => w.length > 0);
}

/**
 * French texts that are still the English one, one line per fault (empty when none): a `fr` text
 * identical to its `en` text, unless every word of it is in `SAME_IN_FRENCH` (or it has no words).
 */
export function untranslatedFaults(
  dictionaries: Record<string, Record<string, string>>,
  sameInFrench: ReadonlySet<string> = SAME_IN_FRENCH,
): string[] {
  const en = dictionaries.en ?? {};
  const fr = dictionaries.fr ?? {};
  return Object.keys(en).flatMap((key) => {
    const english = en[key]!;
    const french = fr[key];
    if (french === undefined || french.trim() !== english.trim()) return [];
    return wordsOf(french).every((word) => sameInFrench.has(word))
      ? []
      : [`fr: ${key} is still English: "${french}"`];
  });
}
