import { defineCatalogue, type Dictionaries } from '@navette/web-kit';
import * as audit from './i18n/audit.js';
import * as exportsWords from './i18n/exports.js';
import * as fairness from './i18n/fairness.js';
import * as live from './i18n/live.js';
import * as members from './i18n/members.js';
import * as period from './i18n/period.js';
import * as reviews from './i18n/reviews.js';
import * as rota from './i18n/rota.js';
import * as shell from './i18n/shell.js';
import * as territories from './i18n/territories.js';
import * as why from './i18n/why.js';

// One catalogue for the console, put together from one file per section (src/i18n/<section>.ts,
// each with its `en` and its `fr` typed by `en`'s keys): a section's words live beside each other,
// and adding a section adds a file and a line here.
const en = {
  ...shell.en,
  ...period.en,
  ...live.en,
  ...why.en,
  ...audit.en,
  ...reviews.en,
  ...rota.en,
  ...fairness.en,
  ...territories.en,
  ...members.en,
  ...exportsWords.en,
};

export type MessageKey = keyof typeof en;

const fr: Record<MessageKey, string> = {
  ...shell.fr,
  ...period.fr,
  ...live.fr,
  ...why.fr,
  ...audit.fr,
  ...reviews.fr,
  ...rota.fr,
  ...fairness.fr,
  ...territories.fr,
  ...members.fr,
  ...exportsWords.fr,
};

/** Both languages of this page, complete (see i18n.spec.ts). */
export const dictionaries: Dictionaries<MessageKey> = { en, fr };

/** This page's messages, looked up by the kit's catalogue mechanism. */
export const catalogue = defineCatalogue(dictionaries);
