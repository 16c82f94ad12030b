import type { ReportView } from '@navette/contracts';
import type { Locale } from './locale.js';

/** A report's title: its kind and whom it is about ("Repeated failed trips about Dana"). */
export function reportTitle(report: ReportView, locale: Locale): string {
  return locale.t('reviews.item', {
    kind: locale.t(`reviews.kind.${report.kind}`),
    subject: report.subject.name,
  });
}
