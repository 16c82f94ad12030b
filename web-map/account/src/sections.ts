import { DecisionsSection } from './decisions-section.js';
import { DriveSection } from './drive-section.js';
import { LimitsSection } from './limits-section.js';
import type { SectionFactory } from './section.js';
import { SecuritySection } from './security-section.js';
import { TimeBankSection } from './time-bank-section.js';
import { TrustSection } from './trust-section.js';

/** The account page's sections, in the navigation's order; the first is shown when the URL names none. */
export const SECTIONS: SectionFactory[] = [
  (deps) => new TrustSection(deps),
  (deps) => new LimitsSection(deps),
  (deps) => new DriveSection(deps),
  (deps) => new DecisionsSection(deps),
  (deps) => new TimeBankSection(deps),
  (deps) => new SecuritySection(deps),
];
