import { auditSection } from './audit-section.js';
import { liveSection } from './live-section.js';
import { reviewsSection } from './reviews-section.js';
import { rotaSection } from './rota-section.js';
import type { SectionFactory } from './section.js';

/** The console's sections, in the navigation's order; the first is shown when the URL names none. */
export const SECTIONS: SectionFactory[] = [liveSection, reviewsSection, rotaSection, auditSection];
