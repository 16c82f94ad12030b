import type { FairnessReport } from '@navette/contracts';
import { errorText, h } from '@navette/web-kit';
import './admin-sections.css';
import { BarChart, type BarChartInput } from './bar-chart.js';
import { DataTable, type Cell, type DataTableInput } from './data-table.js';
import { saveFile } from './download.js';
import type { MessageKey } from './i18n.js';
import type { Locale } from './locale.js';
import { lastDays, periodQuery, PeriodPicker, type Period } from './period-picker.js';
import type { ConsoleDeps, Section } from './section.js';

type BlockId = 'zones' | 'waits' | 'drivers' | 'lending';

/** What one block shows, built from the report in the interface language. */
interface BlockView {
  chart: BarChartInput | null;
  table: DataTableInput;
}

/** Numbers as people read them in the interface language: rates in %, waits in minutes. */
export class FairnessFormat {
  constructor(private readonly locale: Locale) {}

  percent(share: number | null): Cell {
    const text =
      share === null
        ? '—'
        : new Intl.NumberFormat(this.locale.formatLocale, {
            style: 'percent',
            maximumFractionDigits: 1,
          }).format(share);
    return { text, value: share };
  }

  minutes(seconds: number | null): Cell {
    const text =
      seconds === null
        ? '—'
        : this.locale.t('fairness.minutes', {
            n: new Intl.NumberFormat(this.locale.formatLocale, { maximumFractionDigits: 1 }).format(
              seconds / 60,
            ),
          });
    return { text, value: seconds };
  }

  count(n: number): Cell {
    return { text: new Intl.NumberFormat(this.locale.formatLocale).format(n), value: n };
  }

  decimal(n: number): Cell {
    return {
      text: new Intl.NumberFormat(this.locale.formatLocale, { maximumFractionDigits: 3 }).format(n),
      value: n,
    };
  }
}

/** The report's blocks: a chart and its table each (the summary has no chart). */
export function fairnessBlocks(report: FairnessReport, locale: Locale): Record<BlockId, BlockView> {
  const t = locale.t;
  const f = new FairnessFormat(locale);
  const zones = report.zones.map((z) => z.name);
  const percentAxis = (v: number) => f.percent(v).text;
  const minutesAxis = (v: number) => f.minutes(v).text;
  return {
    zones: {
      chart: zones.length
        ? {
            name: t('fairness.zonesChart'),
            categories: zones,
            series: [
              { label: t('fairness.serviceRate'), values: report.zones.map((z) => z.serviceRate) },
              { label: t('fairness.refusalRate'), values: report.zones.map((z) => z.refusalRate) },
            ],
            format: percentAxis,
            min: 1,
          }
        : null,
      table: {
        caption: t('fairness.zonesTable'),
        headers: [
          t('fairness.zone'),
          t('fairness.requests'),
          t('fairness.served'),
          t('fairness.refused'),
          t('fairness.cancelled'),
          t('fairness.serviceRate'),
          t('fairness.refusalRate'),
          t('fairness.declinedOffers'),
        ],
        rows: report.zones.map((z) => [
          { text: z.name, value: z.name },
          f.count(z.requests),
          f.count(z.served),
          f.count(z.refused),
          f.count(z.cancelled),
          f.percent(z.serviceRate),
          f.percent(z.refusalRate),
          f.count(z.declinedOffers),
        ]),
      },
    },
    waits: {
      chart: zones.length
        ? {
            name: t('fairness.waitsChart'),
            categories: zones,
            series: [
              { label: t('fairness.waitP50'), values: report.zones.map((z) => z.waitP50Seconds) },
              { label: t('fairness.waitP90'), values: report.zones.map((z) => z.waitP90Seconds) },
            ],
            format: minutesAxis,
            min: 600,
          }
        : null,
      table: {
        caption: t('fairness.waitsTable'),
        headers: [t('fairness.zone'), t('fairness.waitP50'), t('fairness.waitP90')],
        rows: report.zones.map((z) => [
          { text: z.name, value: z.name },
          f.minutes(z.waitP50Seconds),
          f.minutes(z.waitP90Seconds),
        ]),
      },
    },
    drivers: {
      chart: report.drivers.length
        ? {
            name: t('fairness.driversChart'),
            categories: report.drivers.map((d) => d.name),
            series: [
              { label: t('fairness.loadShare'), values: report.drivers.map((d) => d.loadShare) },
              {
                label: t('fairness.availabilityShare'),
                values: report.drivers.map((d) => d.availabilityShare),
              },
            ],
            format: percentAxis,
            min: 0.5,
          }
        : null,
      table: {
        caption: t('fairness.driversTable'),
        headers: [
          t('fairness.driver'),
          t('fairness.trips'),
          t('fairness.declaredHours'),
          t('fairness.loadShare'),
          t('fairness.availabilityShare'),
        ],
        rows: report.drivers.map((d) => [
          { text: d.name, value: d.name },
          f.count(d.trips),
          f.decimal(d.declaredHoursPerWeek),
          f.percent(d.loadShare),
          f.percent(d.availabilityShare),
        ]),
      },
    },
    lending: {
      chart: {
        name: t('fairness.lendingChart'),
        categories: [t('fairness.lentShort'), t('fairness.borrowedShort')],
        series: [{ label: t('fairness.trips'), values: [report.lending.lent, report.lending.borrowed] }],
        format: (v) => f.count(v).text,
        min: 4,
      },
      table: {
        caption: t('fairness.lendingTable'),
        headers: [t('fairness.direction'), t('fairness.trips')],
        rows: [
          [{ text: t('fairness.lent'), value: 'lent' }, f.count(report.lending.lent)],
          [{ text: t('fairness.borrowed'), value: 'borrowed' }, f.count(report.lending.borrowed)],
        ],
      },
    },
  };
}

const BLOCKS: { id: BlockId; title: MessageKey; about: MessageKey }[] = [
  { id: 'zones', title: 'fairness.zonesTitle', about: 'fairness.zonesAbout' },
  { id: 'waits', title: 'fairness.waitsTitle', about: 'fairness.waitsAbout' },
  { id: 'drivers', title: 'fairness.driversTitle', about: 'fairness.driversAbout' },
  { id: 'lending', title: 'fairness.lendingTitle', about: 'fairness.lendingAbout' },
];

/** One block on the page: title, what it means, chart, table and its CSV button. */
class Block {
  readonly element: HTMLElement;
  readonly title = h('h3');
  readonly about = h('p', { class: 'small' });
  readonly chart: BarChart;
  readonly table: DataTable;
  readonly csvButton: HTMLButtonElement;
  /** Scrolls sideways on a phone; focusable so a keyboard can scroll it too. */
  readonly tableBox: HTMLDivElement;

  constructor(
    readonly id: BlockId,
    onCsv: () => void,
  ) {
    this.chart = new BarChart(`fairness-chart-${id}`);
    this.table = new DataTable(`fairness-table-${id}`);
    this.csvButton = h('button', { type: 'button', 'data-testid': `fairness-csv-${id}` });
    this.csvButton.addEventListener('click', onCsv);
    this.tableBox = h('div', { class: 'table-box', tabIndex: 0, role: 'region' }, this.table.element);
    this.element = h(
      'section',
      {
        class: id === 'zones' ? 'card fairness-block wide' : 'card fairness-block',
        'data-testid': `fairness-${id}`,
      },
      this.title,
      this.about,
      h('div', { class: 'chart-and-table' }, this.chart.element, h('div', {}, this.tableBox, this.csvButton)),
    );
  }
}

/**
 * The fairness report (`#fairness`) for a chosen period: service and refusal rate per zone, waits,
 * the Gini of refusal, drivers' load against their declared availability, lending given and
 * received; each a chart (uPlot) with its numbers in a table beside it and a CSV download.
 */
export class FairnessSection implements Section {
  readonly id = 'fairness';
  readonly label: MessageKey = 'fairness.title';
  readonly element = h('section', { class: 'admin-section fairness', 'aria-labelledby': 'fairness-title' });
  private readonly heading = h('h2', { id: 'fairness-title' });
  private readonly picker: PeriodPicker;
  private readonly status = h('p', { class: 'notice', role: 'status', 'data-testid': 'fairness-status' });
  private readonly problem = h('p', { class: 'error', role: 'alert', 'data-testid': 'fairness-error' });
  private readonly summary = h('dl', { class: 'fairness-summary', 'data-testid': 'fairness-summary' });
  private readonly blocks = BLOCKS.map((b) => new Block(b.id, () => this.saveCsv(b.id)));
  private territoryId = '';
  private report: FairnessReport | undefined;
  private asked = 0;

  constructor(private readonly deps: ConsoleDeps) {
    this.picker = new PeriodPicker(
      deps.locale,
      'fairness-period',
      lastDays(30),
      (period) => void this.load(period),
    );
    this.element.append(
      this.heading,
      this.picker.element,
      this.status,
      this.problem,
      this.summary,
      ...this.blocks.map((b) => b.element),
    );
    deps.locale.bind(() => this.renderAll());
  }

  open(territoryId: string): void {
    this.territoryId = territoryId;
    void this.load(this.picker.value);
  }

  close(): void {
    this.asked++;
  }

  private async load(period: Period): Promise<void> {
    const { api, locale } = this.deps;
    const asked = ++this.asked;
    this.problem.textContent = '';
    this.status.textContent = locale.t('fairness.loading');
    try {
      const report = await api.get<FairnessReport>(
        `/api/territories/${this.territoryId}/fairness?${periodQuery(period)}`,
      );
      if (asked !== this.asked) return;
      this.report = report;
      this.element.dataset.state = 'ready';
      this.renderAll();
    } catch (failure) {
      if (asked !== this.asked) return;
      this.status.textContent = '';
      this.problem.textContent = errorText(failure, locale);
    }
  }

  private renderAll(): void {
    const { locale } = this.deps;
    const t = locale.t;
    this.heading.textContent = t('fairness.title');
    BLOCKS.forEach((b, i) => {
      const block = this.blocks[i]!;
      block.title.textContent = t(b.title);
      block.about.textContent = t(b.about);
      block.csvButton.textContent = t('fairness.csv');
    });
    const report = this.report;
    if (!report) return;
    this.status.textContent = t('fairness.period', {
      from: this.day(report.from),
      to: this.day(new Date(Date.parse(report.to) - 1).toISOString()),
    });
    const f = new FairnessFormat(locale);
    const stat = (key: MessageKey, cell: Cell, testId: string) => [
      h('dt', {}, t(key)),
      h('dd', { 'data-testid': testId, 'data-value': String(cell.value ?? '') }, cell.text),
    ];
    this.summary.replaceChildren(
      ...stat('fairness.overallServiceRate', f.percent(report.overallServiceRate), 'fairness-overall'),
      ...stat('fairness.gini', f.decimal(report.refusalGini), 'fairness-gini'),
      h('dd', { class: 'small' }, t('fairness.giniAbout')),
    );
    const views = fairnessBlocks(report, locale);
    for (const block of this.blocks) {
      const view = views[block.id];
      block.table.render(view.table);
      block.tableBox.setAttribute('aria-label', view.table.caption);
      block.chart.element.hidden = view.chart === null;
      if (view.chart) block.chart.render(view.chart);
      else block.chart.destroy();
    }
  }

  private day(iso: string): string {
    return new Intl.DateTimeFormat(this.deps.locale.formatLocale, {
      dateStyle: 'medium',
      timeZone: 'UTC',
    }).format(new Date(iso));
  }

  private saveCsv(id: BlockId): void {
    const block = this.blocks.find((b) => b.id === id)!;
    const period = this.picker.value;
    saveFile(
      new Blob([block.table.csv()], { type: 'text/csv;charset=utf-8' }),
      `fairness-${id}-${period.from}_${period.to}.csv`,
    );
  }
}
