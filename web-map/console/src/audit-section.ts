import type { AuditEntry } from '@navette/contracts';
import { errorText, h, show } from '@navette/web-kit';
import type { ConsoleDeps, Section } from './section.js';

/**
 * `#audit`: the audit log of the chosen territory and those within it (`GET
 * /api/territories/:id/audit-log`): who decided what about whom, when, and the reason they wrote —
 * review decisions, pair blocks cleared, roles, and the live view's overrides.
 */
export class AuditSection implements Section {
  readonly id = 'audit';
  readonly label = 'audit.nav' as const;
  readonly element: HTMLElement;
  private readonly heading = h('h2', { id: 'audit-heading' });
  private readonly intro = h('p');
  private readonly refreshButton = h('button', {
    type: 'button',
    class: 'secondary',
    'data-testid': 'audit-refresh',
  });
  private readonly status = h('p', { class: 'muted', role: 'status' });
  private readonly problem = h('p', { class: 'error', role: 'alert', hidden: true });
  private readonly list = h('ol', { class: 'audit-log', 'data-testid': 'audit-log' });
  private entries: AuditEntry[] | null = null;
  private territoryId: string | null = null;

  constructor(private readonly deps: ConsoleDeps) {
    this.refreshButton.addEventListener('click', () => void this.load());
    this.element = h(
      'section',
      { 'aria-labelledby': 'audit-heading' },
      this.heading,
      this.intro,
      this.refreshButton,
      this.status,
      this.problem,
      this.list,
    );
    deps.locale.bind(() => this.render());
  }

  open(territoryId: string): void {
    this.territoryId = territoryId;
    this.entries = null;
    this.render();
    void this.load();
  }

  close(): void {}

  private async load(): Promise<void> {
    const territoryId = this.territoryId;
    try {
      const entries = await this.deps.api.get<AuditEntry[]>(`/api/territories/${territoryId}/audit-log`);
      if (territoryId !== this.territoryId) return;
      this.entries = entries;
      show(this.problem, false);
    } catch (failure) {
      this.problem.textContent = errorText(failure, this.deps.locale);
      show(this.problem, true);
    }
    this.render();
  }

  private render(): void {
    const { locale, territories } = this.deps;
    const t = locale.t;
    this.heading.textContent = t('audit.heading');
    this.intro.textContent = t('audit.intro');
    this.refreshButton.textContent = t('audit.refresh');
    const entries = this.entries;
    this.status.textContent =
      entries === null ? t('audit.loading') : entries.length === 0 ? t('audit.empty') : '';
    const names = new Map(territories.map((territory) => [territory.id, territory.name]));
    const when = new Intl.DateTimeFormat(locale.formatLocale, { dateStyle: 'medium', timeStyle: 'short' });
    this.list.replaceChildren(
      ...(entries ?? []).map((entry) => {
        const role = t(entry.role ? `audit.role.${entry.role}` : 'audit.role.none');
        return h(
          'li',
          { class: 'audit-entry', 'data-testid': 'audit-entry', 'data-decision': entry.decision },
          h(
            'span',
            { class: 'audit-what' },
            t('audit.entry', {
              who: entry.decidedBy.name,
              what: t(`audit.decision.${entry.decision}`, { role }),
              whom: entry.subject.name,
            }),
          ),
          h('span', { class: 'audit-reason' }, t('audit.reason', { reason: entry.reason })),
          h(
            'span',
            { class: 'audit-when muted' },
            t('audit.when', {
              date: when.format(new Date(entry.at)),
              territory: (entry.territoryId && names.get(entry.territoryId)) ?? t('audit.elsewhere'),
            }),
          ),
        );
      }),
    );
  }
}

/** The section's factory, for `sections.ts`. */
export const auditSection = (deps: ConsoleDeps): Section => new AuditSection(deps);
