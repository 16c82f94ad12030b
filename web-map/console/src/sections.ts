import { ExportsSection } from './exports-section.js';
import { FairnessSection } from './fairness-section.js';
import { MembersSection } from './members-section.js';
import type { SectionFactory } from './section.js';
import { TerritoriesSection } from './territories-section.js';

/** The console's sections, in the navigation's order; the first is shown when the URL names none. */
export const SECTIONS: SectionFactory[] = [
  (deps) => new FairnessSection(deps),
  (deps) => new TerritoriesSection(deps),
  (deps) => new MembersSection(deps),
  (deps) => new ExportsSection(deps),
];
