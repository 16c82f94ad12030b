import { PLACE_KINDS, type PlaceKind, type PlaceView } from '@navette/contracts';
import { h } from '@navette/web-kit';
import type { MessageKey } from './i18n.js';
import type { Locale } from './locale.js';

export interface PlaceEvents {
  /** Add a place named so, of this kind, where the coordinator next clicks on the map. */
  add(name: string, kind: PlaceKind): void;
  rename(place: PlaceView, name: string): void;
  /** Move it where the coordinator next clicks on the map. */
  move(place: PlaceView): void;
  retire(place: PlaceView): void;
}

/** The territory's named places (stops, meeting points…): add, rename, move, retire. */
export class TerritoryPlaces {
  readonly element: HTMLElement;
  private readonly title = h('h3');
  private readonly list = h('ul', { class: 'request-list', 'data-testid': 'places' });
  private readonly name = h('input', { id: 'place-name', 'data-testid': 'place-name', autocomplete: 'off' });
  private readonly nameLabel = h('label', { for: 'place-name' });
  private readonly kind = h('select', { id: 'place-kind', 'data-testid': 'place-kind' });
  private readonly kindLabel = h('label', { for: 'place-kind' });
  private readonly add = h('button', { type: 'submit', 'data-testid': 'place-add' });
  private places: PlaceView[] = [];

  constructor(
    private readonly locale: Locale,
    private readonly events: PlaceEvents,
  ) {
    for (const kind of PLACE_KINDS) this.kind.append(h('option', { value: kind }));
    const form = h(
      'form',
      { class: 'rules-grid' },
      h('div', { class: 'field' }, this.nameLabel, this.name),
      h('div', { class: 'field' }, this.kindLabel, this.kind),
      h('div', { class: 'field' }, this.add),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      events.add(this.name.value, this.kind.value as PlaceKind);
    });
    this.element = h('section', { class: 'card', 'data-testid': 'places-card' }, this.title, this.list, form);
    locale.bind(() => this.render());
  }

  show(places: PlaceView[]): void {
    this.places = places.filter((p) => p.retiredAt === null);
    this.render();
  }

  /** After a place was added: the form is emptied for the next. */
  added(): void {
    this.name.value = '';
  }

  private kindName(kind: PlaceKind): string {
    return this.locale.t(`places.kind.${kind}` as MessageKey);
  }

  private render(): void {
    const t = this.locale.t;
    this.title.textContent = t('places.title');
    this.nameLabel.textContent = t('places.name');
    this.kindLabel.textContent = t('places.kind');
    this.add.textContent = t('places.add');
    for (const option of this.kind.options) option.textContent = this.kindName(option.value as PlaceKind);
    this.list.replaceChildren(
      ...(this.places.length
        ? this.places.map((place) => this.item(place))
        : [h('li', { class: 'small' }, t('places.none'))]),
    );
  }

  private item(place: PlaceView): HTMLLIElement {
    const t = this.locale.t;
    const id = `place-${place.id}`;
    const name = h('input', { id, value: place.name, 'data-testid': 'place-rename-name' });
    const rename = h(
      'button',
      { type: 'button', class: 'secondary', 'data-testid': 'place-rename' },
      t('places.rename'),
    );
    rename.addEventListener('click', () => this.events.rename(place, name.value));
    const move = h(
      'button',
      { type: 'button', class: 'secondary', 'data-testid': 'place-move' },
      t('places.move'),
    );
    move.addEventListener('click', () => this.events.move(place));
    const retire = h(
      'button',
      { type: 'button', class: 'secondary', 'data-testid': 'place-retire' },
      t('places.retire'),
    );
    retire.addEventListener('click', () => this.events.retire(place));
    return h(
      'li',
      { class: 'request', 'data-testid': 'place', 'data-id': place.id },
      h(
        'div',
        { class: 'field' },
        h('label', { for: id }, t('places.nameOf', { kind: this.kindName(place.kind) })),
        name,
      ),
      h('div', { class: 'buttons' }, rename, move, retire),
    );
  }
}
