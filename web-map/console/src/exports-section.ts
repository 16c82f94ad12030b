import type { TerritoryTimeBank } from '@navette/contracts';
import { errorText, h } from '@navette/web-kit';
import { saveFile, toCsv } from './download.js';
import './admin-sections.css';
import type { MessageKey } from './i18n.js';
import { lastDays, periodQuery, PeriodPicker, type Period } from './period-picker.js';
import type { ConsoleDeps, Section } from './section.js';

type ExportKind = 'gtfs-flex' | 'valueflows' | 'time-bank';

const KINDS: { kind: ExportKind; label: MessageKey; about: MessageKey }[] = [
  { kind: 'gtfs-flex', label: 'exports.gtfsFlex', about: 'exports.gtfsFlexAbout' },
  { kind: 'valueflows', label: 'exports.valueFlows', about: 'exports.valueFlowsAbout' },
  { kind: 'time-bank', label: 'exports.timeBank', about: 'exports.timeBankAbout' },
];

/** The time bank of a territory as CSV: one line per member, then the totals. */
export function timeBankCsv(bank: TerritoryTimeBank, header: string[], totalLabel: string): string {
  const line = (name: string, e: TerritoryTimeBank['totals']) => [
    name,
    e.hoursGiven,
    e.tripsGiven,
    e.hoursReceived,
    e.ridesReceived,
  ];
  return toCsv([header, ...bank.members.map((m) => line(m.displayName, m)), line(totalLabel, bank.totals)]);
}

/**
 * Exports (`#exports`): the territory's GTFS-Flex feed, its ValueFlows accounts and its time bank for
 * a chosen period, each a file the browser downloads (the API's own files; the time bank as CSV).
 */
export class ExportsSection implements Section {
  readonly id = 'exports';
  readonly label: MessageKey = 'exports.title';
  readonly element = h('section', { class: 'admin-section exports', 'aria-labelledby': 'exports-title' });
  private readonly title = h('h2', { id: 'exports-title' });
  private readonly intro = h('p');
  private readonly picker: PeriodPicker;
  private readonly buttons = new Map<ExportKind, HTMLButtonElement>();
  private readonly abouts = new Map<ExportKind, HTMLParagraphElement>();
  private readonly status = h('p', { class: 'notice', role: 'status', 'data-testid': 'exports-status' });
  private readonly problem = h('p', { class: 'error', role: 'alert', 'data-testid': 'exports-error' });
  private territoryId = '';

  constructor(private readonly deps: ConsoleDeps) {
    const { locale } = deps;
    this.picker = new PeriodPicker(locale, 'exports-period', lastDays(30));
    const list = h('ul', { class: 'export-list' });
    for (const { kind } of KINDS) {
      const button = h('button', { type: 'button', 'data-testid': `export-${kind}` });
      button.addEventListener('click', () => void this.download(kind));
      const about = h('p', { class: 'small' });
      this.buttons.set(kind, button);
      this.abouts.set(kind, about);
      list.append(h('li', { class: 'card' }, button, about));
    }
    this.element.append(this.title, this.intro, this.picker.element, list, this.status, this.problem);
    locale.bind(() => this.renderWords());
  }

  open(territoryId: string): void {
    this.territoryId = territoryId;
    this.status.textContent = '';
    this.problem.textContent = '';
  }

  close(): void {}

  private renderWords(): void {
    const t = this.deps.locale.t;
    this.title.textContent = t('exports.title');
    this.intro.textContent = t('exports.intro');
    for (const { kind, label, about } of KINDS) {
      this.buttons.get(kind)!.textContent = t(label);
      this.abouts.get(kind)!.textContent = t(about);
    }
  }

  private async download(kind: ExportKind): Promise<void> {
    const { locale } = this.deps;
    const id = this.territoryId;
    const period = this.picker.value;
    const name = this.territoryName(id);
    this.problem.textContent = '';
    this.status.textContent = locale.t('exports.preparing');
    try {
      const [blob, filename] = await this.file(kind, id, period, name);
      saveFile(blob, filename);
      this.status.textContent = locale.t('exports.saved', { file: filename });
    } catch (failure) {
      this.status.textContent = '';
      this.problem.textContent = errorText(failure, locale);
    }
  }

  private async file(kind: ExportKind, id: string, period: Period, name: string): Promise<[Blob, string]> {
    const { api, locale } = this.deps;
    const span = `${period.from}_${period.to}`;
    if (kind === 'gtfs-flex')
      return [await api.download(`/api/territories/${id}/gtfs-flex.zip`), `${name}-gtfs-flex.zip`];
    if (kind === 'valueflows')
      return [
        await api.download(`/api/territories/${id}/valueflows.jsonld?${periodQuery(period)}`),
        `${name}-valueflows-${span}.jsonld`,
      ];
    const bank = await api.get<TerritoryTimeBank>(`/api/territories/${id}/time-bank?${periodQuery(period)}`);
    const header = [
      locale.t('exports.member'),
      locale.t('exports.hoursGiven'),
      locale.t('exports.tripsGiven'),
      locale.t('exports.hoursReceived'),
      locale.t('exports.ridesReceived'),
    ];
    const csv = timeBankCsv(bank, header, locale.t('exports.total'));
    return [new Blob([csv], { type: 'text/csv;charset=utf-8' }), `${name}-time-bank-${span}.csv`];
  }

  /** The territory's name as a file name: letters, digits and dashes. */
  private territoryName(id: string): string {
    const name = this.deps.territories.find((t) => t.id === id)?.name ?? 'territory';
    return (
      name
        .normalize('NFKD')
        .replace(/[\u0300-\u036f]/g, '')
        .replace(/[^A-Za-z0-9]+/g, '-')
        .replace(/^-|-$/g, '')
        .toLowerCase() || 'territory'
    );
  }
}
