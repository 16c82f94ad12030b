import { defineCatalogue, type Dictionaries } from '@navette/web-kit';
import * as decisions from './i18n/decisions.js';
import * as drive from './i18n/drive.js';
import * as limits from './i18n/limits.js';
import * as publicRoutes from './i18n/public.js';
import * as security from './i18n/security.js';
import * as shell from './i18n/shell.js';
import * as timeBank from './i18n/time-bank.js';
import * as trust from './i18n/trust.js';

// One catalogue for the account, put together from one file per section (src/i18n/<section>.ts,
// each with its `en` and its `fr` typed by `en`'s keys): a section's words live beside each other,
// and adding a section adds a file and a line here.
const en = {
  ...shell.en,
  ...publicRoutes.en,
  ...trust.en,
  ...limits.en,
  ...drive.en,
  ...decisions.en,
  ...timeBank.en,
  ...security.en,
};

export type MessageKey = keyof typeof en;

const fr: Record<MessageKey, string> = {
  ...shell.fr,
  ...publicRoutes.fr,
  ...trust.fr,
  ...limits.fr,
  ...drive.fr,
  ...decisions.fr,
  ...timeBank.fr,
  ...security.fr,
};

/** Both languages of this page, complete (see i18n.spec.ts). */
export const dictionaries: Dictionaries<MessageKey> = { en, fr };

/** This page's messages, looked up by the kit's catalogue mechanism. */
export const catalogue = defineCatalogue(dictionaries);
