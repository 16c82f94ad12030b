import type { Decision, PairBlockView, ReportEvidence, ReportView } from '@navette/contracts';
import { errorText, h, show } from '@navette/web-kit';
import { PairBlocks } from './pair-blocks.js';
import { ReportDetails } from './report-details.js';
import { reportTitle } from './review-words.js';
import type { ConsoleDeps, Section } from './section.js';
import { subtreeOf } from './territory-tree.js';

const FILTERS = ['open', 'appealed', 'decided', 'all'] as const;
type Filter = (typeof FILTERS)[number];

/**
 * `#reviews`: the abuse review queue of the chosen territory and those within it (the API keeps
 * the scope: a coordinator never sees a report about themselves; it goes to the territory above).
 * A report opens with its evidence and the decision form; pair blocks are listed beside, each with
 * its clearing form; appeals come back as `appealed` with their answer form.
 */
export class ReviewsSection implements Section {
  readonly id = 'reviews';
  readonly label = 'reviews.nav' as const;
  readonly element: HTMLElement;
  private readonly heading = h('h2', { id: 'reviews-heading' });
  private readonly intro = h('p');
  private readonly filter = h('select', { id: 'reviews-filter', 'data-testid': 'reviews-filter' });
  private readonly filterLabel = h('label', { for: 'reviews-filter' });
  private readonly queueHeading = h('h3', { id: 'reviews-queue-heading', tabIndex: -1 });
  private readonly status = h('p', { class: 'muted', role: 'status' });
  private readonly problem = h('p', { class: 'error', role: 'alert', hidden: true });
  private readonly queue = h('ul', {
    class: 'live-items',
    'data-testid': 'report-queue',
    'aria-labelledby': 'reviews-queue-heading',
  });
  private readonly details: ReportDetails;
  private readonly blocks: PairBlocks;
  private territoryId: string | null = null;
  private reports: ReportView[] | null = null;
  private pairBlocks: PairBlockView[] = [];
  private report: ReportEvidence | null = null;

  constructor(private readonly deps: ConsoleDeps) {
    const { locale } = deps;
    this.details = new ReportDetails(locale, {
      decide: (decision, reason, restrictions) => this.decide(decision, reason, restrictions),
      resolve: (outcome, reason) => this.resolve(outcome, reason),
      close: () => this.closeReport(),
    });
    this.blocks = new PairBlocks(locale, (blockId, reason) => this.clear(blockId, reason));
    this.filter.addEventListener('change', () => void this.load());
    this.element = h(
      'section',
      { 'aria-labelledby': 'reviews-heading' },
      this.heading,
      this.intro,
      this.problem,
      h(
        'div',
        { class: 'reviews-layout' },
        h(
          'div',
          {},
          h('div', { class: 'territory-choice' }, this.filterLabel, this.filter),
          h(
            'section',
            { 'aria-labelledby': 'reviews-queue-heading' },
            this.queueHeading,
            this.status,
            this.queue,
          ),
          this.details.element,
        ),
        this.blocks.element,
      ),
    );
    locale.bind(() => this.render());
  }

  open(territoryId: string): void {
    this.territoryId = territoryId;
    this.report = null;
    this.reports = null;
    this.render();
    void this.load();
  }

  close(): void {}

  private async load(): Promise<void> {
    const territoryId = this.territoryId;
    const filter = (this.filter.value || 'open') as Filter;
    try {
      const query = filter === 'all' ? '' : `?status=${filter}`;
      const [reports, blocks] = await Promise.all([
        this.deps.api.get<ReportView[]>(`/api/moderation/reports${query}`),
        this.deps.api.get<PairBlockView[]>('/api/moderation/pair-blocks'),
      ]);
      if (territoryId !== this.territoryId || !territoryId) return;
      const below = subtreeOf(this.deps.territories, territoryId);
      this.reports = reports.filter((r) => below.has(r.territoryId));
      this.pairBlocks = blocks.filter((b) => b.territoryId === null || below.has(b.territoryId));
      show(this.problem, false);
    } catch (failure) {
      this.showProblem(failure);
    }
    this.render();
  }

  private showProblem(failure: unknown): void {
    this.problem.textContent = errorText(failure, this.deps.locale);
    show(this.problem, true);
  }

  private async openReport(id: string): Promise<void> {
    try {
      this.report = await this.deps.api.get<ReportEvidence>(`/api/moderation/reports/${id}`);
      this.render();
      this.details.focus();
    } catch (failure) {
      this.showProblem(failure);
    }
  }

  private closeReport(): void {
    const id = this.report?.id;
    this.report = null;
    this.render();
    // Back where the coordinator was: the report in the queue, or the queue when it left it (decided).
    (this.queue.querySelector<HTMLElement>(`[data-id="${id}"]`) ?? this.queueHeading).focus();
  }

  private async decide(
    decision: Decision,
    reason: string,
    restrictions?: { noPooling?: boolean; maxTrustDistance?: number },
  ): Promise<string> {
    const report = this.report!;
    try {
      this.report = await this.deps.api.post<ReportEvidence>(
        `/api/moderation/reports/${report.id}/decision`,
        {
          decision,
          reason,
          ...(restrictions ? { restrictions } : {}),
        },
      );
    } catch (failure) {
      throw new Error(errorText(failure, this.deps.locale));
    }
    await this.load();
    const t = this.deps.locale.t;
    return t('reviews.decided', { decision: t(`reviews.did.${decision}`) });
  }

  private async resolve(outcome: 'upheld' | 'overturned', reason: string): Promise<string> {
    const report = this.report!;
    try {
      await this.deps.api.post(`/api/moderation/appeals/${report.appeal!.id}/resolve`, { outcome, reason });
      this.report = await this.deps.api.get<ReportEvidence>(`/api/moderation/reports/${report.id}`);
    } catch (failure) {
      throw new Error(errorText(failure, this.deps.locale));
    }
    await this.load();
    const t = this.deps.locale.t;
    return t('reviews.resolved', { outcome: t(`reviews.appeal.${outcome}`) });
  }

  private async clear(blockId: string, reason: string): Promise<string> {
    try {
      await this.deps.api.post(`/api/moderation/pair-blocks/${blockId}/clear`, { reason });
    } catch (failure) {
      throw new Error(errorText(failure, this.deps.locale));
    }
    const text = this.deps.locale.t('reviews.cleared');
    this.status.textContent = text;
    if (this.report)
      this.report = await this.deps.api.get<ReportEvidence>(`/api/moderation/reports/${this.report.id}`);
    await this.load();
    return text;
  }

  private render(): void {
    const { locale } = this.deps;
    const t = locale.t;
    this.heading.textContent = t('reviews.heading');
    this.intro.textContent = t('reviews.intro');
    this.filterLabel.textContent = t('reviews.filter');
    const chosen = this.filter.value || 'open';
    this.filter.replaceChildren(...FILTERS.map((f) => h('option', { value: f }, t(`reviews.filter.${f}`))));
    this.filter.value = chosen;
    this.queueHeading.textContent = t('reviews.queue');
    const reports = this.reports;
    this.status.textContent =
      reports === null ? t('reviews.loading') : reports.length === 0 ? t('reviews.empty') : '';
    const date = (iso: string) =>
      new Date(iso).toLocaleString(locale.formatLocale, { dateStyle: 'medium', timeStyle: 'short' });
    this.queue.replaceChildren(
      ...(reports ?? []).map((report) => {
        const button = h(
          'button',
          {
            type: 'button',
            class: 'live-item',
            'data-testid': 'report-item',
            'data-id': report.id,
            'aria-expanded': String(this.report?.id === report.id),
            'aria-controls': 'report-details',
          },
          h('span', { class: 'live-item-title' }, reportTitle(report, locale)),
          h(
            'span',
            { class: 'live-item-note' },
            t('reviews.itemMeta', {
              source: report.reporter
                ? t('reviews.byMember', { name: report.reporter.name })
                : t('reviews.automatic'),
              date: date(report.createdAt),
              status: t(`reviews.status.${report.status}`),
            }),
          ),
        );
        button.addEventListener('click', () => void this.openReport(report.id));
        return h('li', {}, button);
      }),
    );
    this.details.element.id = 'report-details';
    this.details.render(this.report);
    this.blocks.render(this.pairBlocks);
  }
}

/** The section's factory, for `sections.ts`. */
export const reviewsSection = (deps: ConsoleDeps): Section => new ReviewsSection(deps);
