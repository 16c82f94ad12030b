import { auditSection } from './audit-section.js';
import { ExportsSection } from './exports-section.js';
import { FairnessSection } from './fairness-section.js';
import { liveSection } from './live-section.js';
import { MembersSection } from './members-section.js';
import { reviewsSection } from './reviews-section.js';
import { rotaSection } from './rota-section.js';
import type { SectionFactory } from './section.js';
import { TerritoriesSection } from './territories-section.js';

/** The console's sections, in the navigation's order; the first is shown when the URL names none. */
export const SECTIONS: SectionFactory[] = [
  liveSection,
  reviewsSection,
  (deps) => new FairnessSection(deps),
  (deps) => new TerritoriesSection(deps),
  (deps) => new MembersSection(deps),
  rotaSection,
  (deps) => new ExportsSection(deps),
  auditSection,
];
