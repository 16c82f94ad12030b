import type { TerritoryDetailProperties, TerritoryLender } from '@navette/contracts';
import { h } from '@navette/web-kit';
import type { Locale } from './locale.js';

export interface LendingEvents {
  /** Replace the territories asked to lend to this one. */
  setLenders(lenders: TerritoryLender[]): void;
  /** This territory agrees to lend to a borrower that asked, or withdraws. */
  setAgreement(borrowerId: string, agreed: boolean): void;
}

/**
 * Lending between neighbours: the territories this one asks for drivers (and after how long), and
 * those asking this one, whose request its coordinators agree to or withdraw.
 */
export class TerritoryLending {
  readonly element: HTMLElement;
  private readonly title = h('h3');
  private readonly askedTitle = h('h4');
  private readonly askingTitle = h('h4');
  private readonly lenders = h('ul', { class: 'request-list', 'data-testid': 'lending-lenders' });
  private readonly borrowers = h('ul', { class: 'request-list', 'data-testid': 'lending-borrowers' });
  private readonly neighbour = h('select', { id: 'lending-neighbour', 'data-testid': 'lending-neighbour' });
  private readonly neighbourLabel = h('label', { for: 'lending-neighbour' });
  private readonly after = h('input', {
    type: 'number',
    id: 'lending-after',
    'data-testid': 'lending-after',
    min: '0',
  });
  private readonly afterLabel = h('label', { for: 'lending-after' });
  private readonly add = h('button', { type: 'submit', 'data-testid': 'lending-add' });
  private readonly form: HTMLFormElement;
  private territory: TerritoryDetailProperties | undefined;
  private names = new Map<string, string>();
  private candidates = new Set<string>();

  constructor(
    private readonly locale: Locale,
    private readonly events: LendingEvents,
  ) {
    const form = (this.form = h(
      'form',
      { class: 'rules-grid' },
      h('div', { class: 'field' }, this.neighbourLabel, this.neighbour),
      h('div', { class: 'field' }, this.afterLabel, this.after),
      h('div', { class: 'field' }, this.add),
    ));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      if (!this.territory || !this.neighbour.value) return;
      events.setLenders([
        ...this.territory.lenders.map(({ territoryId, afterSeconds }) => ({ territoryId, afterSeconds })),
        { territoryId: this.neighbour.value, afterSeconds: Math.round(Number(this.after.value || '0') * 60) },
      ]);
    });
    this.element = h(
      'section',
      { class: 'card', 'data-testid': 'lending' },
      this.title,
      this.askedTitle,
      this.lenders,
      form,
      this.askingTitle,
      this.borrowers,
    );
    this.after.value = '10';
    locale.bind(() => this.render());
  }

  /**
   * The territory; every territory's name by id (neighbours are outside one's own scope); and those
   * that may be asked to lend (not nested with this one: those help through escalation).
   */
  show(territory: TerritoryDetailProperties, names: Map<string, string>, candidates: Set<string>): void {
    this.territory = territory;
    this.names = names;
    this.candidates = candidates;
    this.render();
  }

  private render(): void {
    const t = this.locale.t;
    this.title.textContent = t('lending.title');
    this.askedTitle.textContent = t('lending.asked');
    this.askingTitle.textContent = t('lending.asking');
    this.neighbourLabel.textContent = t('lending.neighbour');
    this.afterLabel.textContent = t('lending.afterMinutes');
    this.add.textContent = t('lending.add');
    const territory = this.territory;
    if (!territory) return;
    const nameOf = (id: string) => this.names.get(id) ?? t('lending.unknown');
    const asked = new Set(territory.lenders.map((l) => l.territoryId));
    this.neighbour.replaceChildren(
      ...[...this.names]
        .filter(([id]) => this.candidates.has(id) && !asked.has(id))
        .sort((a, b) => a[1].localeCompare(b[1]))
        .map(([id, name]) => h('option', { value: id }, name)),
    );
    this.form.hidden = this.neighbour.options.length === 0;
    this.lenders.replaceChildren(
      ...(territory.lenders.length
        ? territory.lenders.map((lender) => {
            const remove = h(
              'button',
              { type: 'button', class: 'secondary', 'data-testid': 'lender-remove' },
              t('lending.remove'),
            );
            remove.addEventListener('click', () =>
              this.events.setLenders(
                territory.lenders
                  .filter((l) => l.territoryId !== lender.territoryId)
                  .map(({ territoryId, afterSeconds }) => ({ territoryId, afterSeconds })),
              ),
            );
            return h(
              'li',
              { class: 'request', 'data-testid': 'lender' },
              h('p', { class: 'strong' }, nameOf(lender.territoryId)),
              h(
                'p',
                { class: 'small' },
                t('lending.after', { minutes: Math.round(lender.afterSeconds / 60) }),
                ' ',
                t(lender.agreed ? 'lending.agreed' : 'lending.waiting'),
              ),
              remove,
            );
          })
        : [h('li', { class: 'small' }, t('lending.noLender'))]),
    );
    this.borrowers.replaceChildren(
      ...(territory.borrowers.length
        ? territory.borrowers.map((borrower) => {
            const toggle = h(
              'button',
              { type: 'button', class: borrower.agreed ? 'secondary' : '', 'data-testid': 'borrower-toggle' },
              t(borrower.agreed ? 'lending.withdraw' : 'lending.agree'),
            );
            toggle.addEventListener('click', () =>
              this.events.setAgreement(borrower.territoryId, !borrower.agreed),
            );
            return h(
              'li',
              { class: 'request', 'data-testid': 'borrower' },
              h('p', { class: 'strong' }, nameOf(borrower.territoryId)),
              h(
                'p',
                { class: 'small' },
                t('lending.after', { minutes: Math.round(borrower.afterSeconds / 60) }),
                ' ',
                t(borrower.agreed ? 'lending.weLend' : 'lending.theyAsk'),
              ),
              toggle,
            );
          })
        : [h('li', { class: 'small' }, t('lending.noBorrower'))]),
    );
  }
}
