import { defineCatalogue, type Dictionaries } from '@navette/web-kit';
import * as audit from './i18n/audit.js';
import * as live from './i18n/live.js';
import * as reviews from './i18n/reviews.js';
import * as rota from './i18n/rota.js';
import * as shell from './i18n/shell.js';
import * as why from './i18n/why.js';

// One catalogue for the console, put together from one file per section (src/i18n/<section>.ts,
// each with its `en` and its `fr` typed by `en`'s keys): a section's words live beside each other,
// and adding a section adds a file and a line here.
const en = { ...shell.en, ...live.en, ...why.en, ...audit.en, ...reviews.en, ...rota.en };

export type MessageKey = keyof typeof en;

const fr: Record<MessageKey, string> = {
  ...shell.fr,
  ...live.fr,
  ...why.fr,
  ...audit.fr,
  ...reviews.fr,
  ...rota.fr,
};

/** Both languages of this page, complete (see i18n.spec.ts). */
export const dictionaries: Dictionaries<MessageKey> = { en, fr };

/** This page's messages, looked up by the kit's catalogue mechanism. */
export const catalogue = defineCatalogue(dictionaries);
