import { h } from '@navette/web-kit';
import type { Locale } from './locale.js';
import type { Section } from './section.js';

/** The page's frame: a navigation with one link per section (the URL fragment says which is shown). */
export class AccountShell {
  readonly element: HTMLElement;
  private readonly nav = h('nav', { class: 'page-nav' });
  private readonly list = h('ul');
  private readonly links = new Map<string, HTMLAnchorElement>();
  private current: Section | undefined;
  private hash = '';

  constructor(
    private readonly locale: Locale,
    private readonly sections: readonly Section[],
  ) {
    const body = h('div', { class: 'page-body' });
    for (const section of sections) {
      const link = h('a', { href: `#${section.id}`, 'data-testid': `nav-${section.id}` });
      this.links.set(section.id, link);
      this.list.append(h('li', {}, link));
      section.element.dataset.testid = `section-${section.id}`;
      section.element.hidden = true;
      body.append(section.element);
    }
    this.nav.append(this.list);
    this.element = h('div', { class: 'account-page' }, this.nav, body);
    addEventListener('hashchange', () => this.route());
    locale.bind(() => {
      this.nav.setAttribute('aria-label', locale.t('shell.sections'));
      for (const section of sections) this.links.get(section.id)!.textContent = locale.t(section.label);
    });
    this.route();
  }

  private route(): void {
    const wanted = location.hash.slice(1).split('/')[0];
    const next = this.sections.find((s) => s.id === wanted) ?? this.sections[0];
    const hash = location.hash;
    if (next === this.current) {
      // The same section with more in the fragment (`#trust/vouch/<code>`): it reads it again.
      if (hash !== this.hash) next?.open();
      this.hash = hash;
      return;
    }
    this.hash = hash;
    this.current?.close();
    if (this.current) this.current.element.hidden = true;
    this.current = next;
    for (const [id, link] of this.links)
      if (id === next?.id) link.setAttribute('aria-current', 'page');
      else link.removeAttribute('aria-current');
    if (!next) return;
    next.element.hidden = false;
    next.open();
  }
}
