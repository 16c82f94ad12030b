import type { TerritoryProperties } from '@navette/contracts';
import { h, show } from '@navette/web-kit';
import type { Locale } from './locale.js';
import type { Section } from './section.js';

const TERRITORY_KEY = 'navette.console.territory';

/**
 * The console's frame: a territory picker, a navigation with one link per section (the URL fragment
 * says which is shown, so the back button and a shared link work), and the section shown.
 */
export class ConsoleShell {
  readonly element: HTMLElement;
  private readonly picker = h('select', { id: 'territory-picker', 'data-testid': 'territory-picker' });
  private readonly pickerLabel = h('label', { for: 'territory-picker' });
  private readonly nav = h('nav', { class: 'console-nav' });
  private readonly list = h('ul');
  private readonly body = h('div', { class: 'console-body' });
  private readonly empty = h('p', { class: 'notice', 'data-testid': 'no-territory', hidden: true });
  private readonly links = new Map<string, HTMLAnchorElement>();
  private current: Section | undefined;

  constructor(
    private readonly locale: Locale,
    private readonly territories: readonly TerritoryProperties[],
    private readonly sections: readonly Section[],
  ) {
    for (const territory of territories)
      this.picker.append(h('option', { value: territory.id }, territory.name));
    const saved = sessionStorage.getItem(TERRITORY_KEY);
    if (saved && territories.some((t) => t.id === saved)) this.picker.value = saved;
    this.picker.addEventListener('change', () => {
      sessionStorage.setItem(TERRITORY_KEY, this.picker.value);
      this.current?.open(this.picker.value);
    });
    for (const section of sections) {
      const link = h('a', { href: `#${section.id}`, 'data-testid': `nav-${section.id}` });
      this.links.set(section.id, link);
      this.list.append(h('li', {}, link));
      section.element.dataset.testid = `section-${section.id}`;
      section.element.hidden = true;
      this.body.append(section.element);
    }
    this.nav.append(this.list);
    this.element = h(
      'div',
      { class: 'console' },
      h('div', { class: 'territory-choice' }, this.pickerLabel, this.picker),
      this.nav,
      this.empty,
      this.body,
    );
    show(this.picker.parentElement!, territories.length > 0);
    addEventListener('hashchange', () => this.route());
    locale.bind(() => this.renderWords());
    this.route();
  }

  /** The territory the sections act on. */
  get territoryId(): string | undefined {
    return this.picker.value || undefined;
  }

  private renderWords(): void {
    const t = this.locale.t;
    this.pickerLabel.textContent = t('shell.territory');
    this.nav.setAttribute('aria-label', t('shell.sections'));
    this.empty.textContent = t('shell.noTerritory');
    for (const section of this.sections) this.links.get(section.id)!.textContent = t(section.label);
  }

  private route(): void {
    const wanted = location.hash.slice(1).split('/')[0];
    const next = this.sections.find((s) => s.id === wanted) ?? this.sections[0];
    const territory = this.territoryId;
    show(this.empty, territory === undefined);
    if (next === this.current) return;
    this.current?.close();
    if (this.current) this.current.element.hidden = true;
    this.current = next;
    for (const [id, link] of this.links)
      if (id === next?.id) link.setAttribute('aria-current', 'page');
      else link.removeAttribute('aria-current');
    if (!next || territory === undefined) return;
    next.element.hidden = false;
    next.open(territory);
  }
}
