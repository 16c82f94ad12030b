import type { PlaceSearchHit } from '@navette/contracts';
import { h, show } from '@navette/web-kit';
import type { Locale } from './locale.js';
import type { MessageKey } from './i18n.js';
import { moveCursor } from './option-cursor.js';

/** Wait after the last keystroke before searching, in milliseconds. */
const DEBOUNCE_MS = 200;

let serial = 0;

export interface PlaceSearchOptions {
  /** `pickup` or `dropoff`: test ids (`place-search-pickup`) and the label. */
  role: 'pickup' | 'dropoff';
  label: MessageKey;
  /** Finds places for what was typed (the page wires it to `/api/places/search`). */
  search: (query: string) => Promise<PlaceSearchHit[]>;
  /** A result was chosen, by Enter or by a click. */
  onPick: (hit: PlaceSearchHit) => void;
}

/**
 * A place search box: the WAI-ARIA combobox pattern with a list box popup. Typing searches (after a
 * short pause); ↓/↑ move through the results, Enter picks, Escape closes; a click or tap picks too.
 * The page shows what was chosen by setting `value` (a name, never coordinates).
 */
export class PlaceSearch {
  readonly element: HTMLElement;
  private readonly input: HTMLInputElement;
  private readonly list: HTMLUListElement;
  private readonly labelText = h('span');
  private readonly status = h('p', { class: 'visually-hidden', role: 'status', 'aria-live': 'polite' });
  private hits: PlaceSearchHit[] = [];
  private active = -1;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private asked = 0;
  private readonly id = `place-search-${++serial}`;

  constructor(
    private readonly locale: Locale,
    private readonly options: PlaceSearchOptions,
  ) {
    const testId = `place-search-${options.role}`;
    this.input = h('input', {
      type: 'text',
      id: `${this.id}-input`,
      role: 'combobox',
      autocomplete: 'off',
      'aria-autocomplete': 'list',
      'aria-expanded': 'false',
      'aria-controls': `${this.id}-list`,
      'data-testid': testId,
    });
    this.list = h('ul', {
      id: `${this.id}-list`,
      role: 'listbox',
      class: 'place-options',
      'data-testid': `${testId}-options`,
    });
    this.input.spellcheck = false;
    this.list.setAttribute('aria-labelledby', `${this.id}-label`);
    this.labelText.id = `${this.id}-label`;
    show(this.list, false);
    const label = h('label', { for: this.input.id }, this.labelText);
    this.element = h('div', { class: 'place-search' }, label, this.input, this.list, this.status);
    this.input.addEventListener('input', () => this.typed());
    this.input.addEventListener('keydown', (event) => this.key(event));
    this.input.addEventListener('blur', () => setTimeout(() => this.close(), 150));
    // pointerdown, not click: the input's blur must not close the list before the pick lands.
    this.list.addEventListener('pointerdown', (event) => {
      const option = (event.target as HTMLElement).closest<HTMLElement>('[role=option]');
      if (!option) return;
      event.preventDefault();
      this.pick(Number(option.dataset.index));
    });
    locale.bind(() => this.render());
  }

  /** What the box shows: the chosen place's name (or the street, or "near Kallio"). */
  set value(text: string) {
    this.input.value = text;
  }

  get value(): string {
    return this.input.value;
  }

  private render(): void {
    const t = this.locale.t;
    this.labelText.textContent = t(this.options.label);
    this.input.placeholder = t('search.placeholder');
  }

  private typed(): void {
    clearTimeout(this.timer);
    const query = this.input.value.trim();
    if (!query) {
      this.close();
      return;
    }
    this.timer = setTimeout(() => void this.run(query), DEBOUNCE_MS);
  }

  private async run(query: string): Promise<void> {
    const ask = ++this.asked;
    const hits = await this.options.search(query).catch(() => [] as PlaceSearchHit[]);
    // An older answer arriving after a newer one is dropped.
    if (ask !== this.asked || this.input.value.trim() !== query) return;
    this.open(hits);
  }

  private open(hits: PlaceSearchHit[]): void {
    this.hits = hits;
    this.active = -1;
    this.list.replaceChildren(
      ...hits.map((hit, index) =>
        h(
          'li',
          {
            id: `${this.id}-option-${index}`,
            role: 'option',
            'aria-selected': 'false',
            'data-index': index,
            'data-testid': 'place-option',
          },
          h('span', { class: 'place-name' }, hit.name),
          hit.detail ? h('span', { class: 'place-detail' }, hit.detail) : '',
        ),
      ),
    );
    const none = hits.length === 0;
    if (none)
      this.list.append(
        h('li', { class: 'place-none', 'aria-disabled': 'true' }, this.locale.t('search.none')),
      );
    show(this.list, true);
    this.input.setAttribute('aria-expanded', 'true');
    this.input.removeAttribute('aria-activedescendant');
    this.status.textContent = none
      ? this.locale.t('search.none')
      : this.locale.t('search.count', { count: hits.length });
  }

  private close(): void {
    clearTimeout(this.timer);
    this.asked++;
    this.hits = [];
    this.active = -1;
    show(this.list, false);
    this.list.replaceChildren();
    this.input.setAttribute('aria-expanded', 'false');
    this.input.removeAttribute('aria-activedescendant');
  }

  private key(event: KeyboardEvent): void {
    const count = this.hits.length;
    if (!count && (event.key === 'ArrowDown' || event.key === 'ArrowUp')) return;
    switch (event.key) {
      case 'ArrowDown':
      case 'ArrowUp':
        event.preventDefault();
        this.highlight(moveCursor(this.active, count, event.key));
        break;
      case 'Enter':
        // Enter in the box never submits the form; it picks the highlighted result, if any.
        event.preventDefault();
        if (this.active >= 0) this.pick(this.active);
        break;
      case 'Escape':
        if (!this.list.hidden) {
          event.preventDefault();
          this.close();
        }
        break;
    }
  }

  private highlight(index: number): void {
    this.active = index;
    for (const [i, option] of Array.from(this.list.children).entries()) {
      option.setAttribute('aria-selected', String(i === index));
    }
    const option = this.list.children[index];
    if (option) {
      this.input.setAttribute('aria-activedescendant', option.id);
      option.scrollIntoView({ block: 'nearest' });
    }
  }

  private pick(index: number): void {
    const hit = this.hits[index];
    if (!hit) return;
    this.input.value = hit.name;
    this.close();
    this.options.onPick(hit);
  }
}
