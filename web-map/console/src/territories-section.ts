import type {
  AreaGeometry,
  LngLat,
  PlaceKind,
  PlaceView,
  TerritoryCollection,
  TerritoryDetail,
  TerritoryLender,
  TerritoryLevel,
  TerritoryUpload,
} from '@navette/contracts';
import { ApiError, errorText, h } from '@navette/web-kit';
import { openMap, type MapView } from '@navette/web-kit/map';
import './admin-sections.css';
import type { MessageKey } from './i18n.js';
import { OutlineEditor } from './outline-editor.js';
import type { ConsoleDeps, Section } from './section.js';
import { TerritoryLending } from './territory-lending.js';
import { TerritoryPlaces } from './territory-places.js';
import { TerritoryRulesForm, type RulesChange } from './territory-rules-form.js';

declare global {
  interface Window {
    /** The section's map, for browser tests (as the rider's page exposes its own). */
    __navetteMap?: MapView['map'];
  }
}

const LEVELS: TerritoryLevel[] = ['region', 'town', 'neighbourhood'];

/** The levels a territory of `level` may contain. */
export const levelsBelow = (level: TerritoryLevel) => LEVELS.slice(LEVELS.indexOf(level) + 1);

/** The territory and every one nested in it, from the public collection. */
export function subtree(collection: TerritoryCollection, id: string): TerritoryCollection {
  const ids = new Set([id]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const f of collection.features)
      if (f.properties.parentId && ids.has(f.properties.parentId) && !ids.has(f.properties.id)) {
        ids.add(f.properties.id);
        grew = true;
      }
  }
  return { ...collection, features: collection.features.filter((f) => ids.has(f.properties.id)) };
}

/** Territories neither inside this one nor containing it: the neighbours it may ask to lend. */
export function notNestedWith(collection: TerritoryCollection, id: string): Set<string> {
  const nested = new Set(subtree(collection, id).features.map((f) => f.properties.id));
  const parents = new Map(collection.features.map((f) => [f.properties.id, f.properties.parentId]));
  for (let up = parents.get(id); up; up = parents.get(up)) nested.add(up);
  return new Set(collection.features.map((f) => f.properties.id).filter((other) => !nested.has(other)));
}

/** What a click on the map will do, besides drawing. */
type Pending =
  { kind: 'add'; name: string; placeKind: PlaceKind } | { kind: 'move'; place: PlaceView } | null;

const PROBLEM_MARKER = 'outline-problem';

/**
 * Territories (`#territories`): the territory's outline drawn and edited on the map (Terra Draw), a
 * new area drawn inside it, its rules, lending with neighbours and its named places. A refused
 * outline is marked on the map where the server says it fails (`ErrorBody.location`).
 */
export class TerritoriesSection implements Section {
  readonly id = 'territories';
  readonly label: MessageKey = 'territories.title';
  readonly element = h('section', {
    class: 'admin-section territories',
    'aria-labelledby': 'territories-title',
  });
  private readonly words = new Map<HTMLElement, MessageKey>();
  private readonly mapBox = h('div', { class: 'territory-map', 'data-testid': 'territory-map' });
  private readonly status = h('p', { class: 'notice', role: 'status', 'data-testid': 'territories-status' });
  private readonly problem = h('p', { class: 'error', role: 'alert', 'data-testid': 'territories-error' });
  private readonly hint = h('p', { class: 'small', 'data-testid': 'outline-hint' });
  private readonly editOutline = h('button', {
    type: 'button',
    class: 'secondary',
    'data-testid': 'outline-edit',
  });
  private readonly drawNew = h('button', {
    type: 'button',
    class: 'secondary',
    'data-testid': 'outline-new',
  });
  private readonly saveOutline = h('button', { type: 'button', 'data-testid': 'outline-save' });
  private readonly cancel = h('button', {
    type: 'button',
    class: 'secondary',
    'data-testid': 'outline-cancel',
  });
  private readonly newForm: HTMLFormElement;
  private readonly pasted = h('textarea', {
    id: 'outline-geojson',
    'data-testid': 'outline-geojson',
    rows: 4,
  });
  private readonly usePasted = h('button', {
    type: 'button',
    class: 'secondary',
    'data-testid': 'outline-use-geojson',
  });
  private readonly newName = h('input', {
    id: 'new-area-name',
    'data-testid': 'new-area-name',
    autocomplete: 'off',
  });
  private readonly newLevel = h('select', { id: 'new-area-level', 'data-testid': 'new-area-level' });
  private readonly rules: TerritoryRulesForm;
  private readonly lending: TerritoryLending;
  private readonly places: TerritoryPlaces;
  private view: MapView | undefined;
  private editor: OutlineEditor | undefined;
  private mapOpening: Promise<void> | undefined;
  private territoryId = '';
  private detail: TerritoryDetail | undefined;
  private collection: TerritoryCollection | undefined;
  private placeMarkers: string[] = [];
  /** Whether the outline being drawn is a new area (else the territory's own, edited). */
  private creating = false;
  private pending: Pending = null;

  constructor(private readonly deps: ConsoleDeps) {
    const said = <E extends HTMLElement>(element: E, key: MessageKey): E => {
      this.words.set(element, key);
      return element;
    };
    this.editOutline.addEventListener('click', () => this.startEditing());
    this.drawNew.addEventListener('click', () => this.startCreating());
    this.saveOutline.addEventListener('click', () => void this.saveEdited());
    this.cancel.addEventListener('click', () => this.stopDrawing());
    this.newForm = h(
      'form',
      { class: 'rules-grid', hidden: true, 'data-testid': 'new-area-form' },
      h(
        'div',
        { class: 'field' },
        said(h('label', { for: 'new-area-name' }), 'territories.newName'),
        this.newName,
      ),
      h(
        'div',
        { class: 'field' },
        said(h('label', { for: 'new-area-level' }), 'territories.newLevel'),
        this.newLevel,
      ),
      h(
        'div',
        { class: 'field' },
        said(h('button', { type: 'submit', 'data-testid': 'new-area-save' }), 'territories.create'),
      ),
    );
    this.newForm.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.saveNew();
    });
    this.usePasted.addEventListener('click', () => this.useGeoJson());
    const typed = h(
      'details',
      { class: 'outline-typed' },
      said(h('summary'), 'territories.typedSummary'),
      h(
        'div',
        { class: 'field' },
        said(h('label', { for: 'outline-geojson' }), 'territories.typedLabel'),
        this.pasted,
      ),
      this.usePasted,
    );
    this.rules = new TerritoryRulesForm(deps.locale, (change) => void this.saveRules(change));
    this.lending = new TerritoryLending(deps.locale, {
      setLenders: (lenders) => void this.setLenders(lenders),
      setAgreement: (borrowerId, agreed) => void this.setAgreement(borrowerId, agreed),
    });
    this.places = new TerritoryPlaces(deps.locale, {
      add: (name, placeKind) => this.awaitClick({ kind: 'add', name, placeKind }),
      rename: (place, name) => void this.patchPlace(place, { name }),
      move: (place) => this.awaitClick({ kind: 'move', place }),
      retire: (place) => void this.retirePlace(place),
    });
    this.element.append(
      said(h('h2', { id: 'territories-title' }), 'territories.title'),
      h(
        'div',
        { class: 'territory-layout' },
        h(
          'div',
          { class: 'territory-map-column' },
          this.mapBox,
          this.status,
          this.problem,
          h(
            'section',
            { class: 'card', 'data-testid': 'outline' },
            said(h('h3'), 'territories.outline'),
            this.hint,
            h('div', { class: 'buttons' }, this.editOutline, this.drawNew, this.saveOutline, this.cancel),
            this.newForm,
            typed,
          ),
        ),
        h('div', { class: 'territory-side' }, this.rules.element, this.lending.element, this.places.element),
      ),
    );
    deps.locale.bind(() => this.renderWords());
  }

  open(territoryId: string): void {
    this.territoryId = territoryId;
    this.pending = null;
    this.clearProblem();
    this.mapOpening ??= this.openMap();
    void this.mapOpening.then(() => {
      // The map may have been hidden (another section) while the window changed size.
      this.view?.map.resize();
      this.editor?.reset();
      return this.load();
    });
  }

  close(): void {
    this.pending = null;
    this.editor?.reset();
  }

  private async openMap(): Promise<void> {
    try {
      const view = await openMap(this.mapBox, this.deps.api);
      this.view = view;
      window.__navetteMap = view.map;
      this.editor = new OutlineEditor(view, () => this.renderOutline());
      view.onClick((at) => void this.mapClicked(at));
    } catch (failure) {
      this.problem.textContent = errorText(failure, this.deps.locale);
    }
  }

  private async load(): Promise<void> {
    const { api } = this.deps;
    const id = this.territoryId;
    this.element.dataset.state = 'loading';
    await this.attempt(async () => {
      const [detail, collection, places] = await Promise.all([
        api.get<TerritoryDetail>(`/api/territories/${id}`),
        api.get('/api/territories'),
        api.get<PlaceView[]>(`/api/territories/${id}/places`),
      ]);
      if (id !== this.territoryId) return;
      this.detail = detail;
      this.collection = collection;
      this.view?.showTerritories(subtree(collection, id));
      this.rules.render(detail.properties);
      this.lending.show(
        detail.properties,
        new Map(collection.features.map((f) => [f.properties.id, f.properties.name])),
        notNestedWith(collection, id),
      );
      this.showPlaces(places);
      this.renderWords();
      this.element.dataset.state = 'ready';
    });
  }

  private showPlaces(places: PlaceView[]): void {
    for (const id of this.placeMarkers) this.view?.setMarker(id, 'place', null);
    const active = places.filter((p) => p.retiredAt === null);
    for (const place of active) this.view?.setMarker(place.id, 'place', place.position, place.name);
    this.placeMarkers = active.map((p) => p.id);
    this.places.show(places);
  }

  private renderWords(): void {
    const t = this.deps.locale.t;
    for (const [element, key] of this.words) element.textContent = t(key);
    const name = this.detail?.properties.name ?? '';
    this.editOutline.textContent = t('territories.editOutline', { name });
    this.drawNew.textContent = t('territories.drawNew', { name });
    this.saveOutline.textContent = t('territories.saveOutline');
    this.cancel.textContent = t('territories.cancel');
    this.usePasted.textContent = t('territories.typedUse');
    this.mapBox.setAttribute('aria-label', t('territories.mapLabel', { name }));
    const level = this.detail?.properties.level ?? 'neighbourhood';
    const chosen = this.newLevel.value;
    this.newLevel.replaceChildren(
      ...levelsBelow(level).map((l) => h('option', { value: l }, t(`territories.level.${l}` as MessageKey))),
    );
    if (chosen) this.newLevel.value = chosen;
    this.renderOutline();
  }

  /** Which outline buttons and hint show, by what the editor does. */
  private renderOutline(): void {
    const t = this.deps.locale.t;
    const mode = this.editor?.mode ?? 'idle';
    const canNest = levelsBelow(this.detail?.properties.level ?? 'neighbourhood').length > 0;
    this.editOutline.hidden = mode !== 'idle';
    this.drawNew.hidden = mode !== 'idle' || !canNest;
    this.cancel.hidden = mode === 'idle';
    this.saveOutline.hidden = mode !== 'editing' || this.creating;
    this.newForm.hidden = mode === 'idle' || !this.creating;
    this.hint.textContent = t(
      mode === 'drawing'
        ? 'territories.hintDrawing'
        : mode === 'editing'
          ? 'territories.hintEditing'
          : this.pending
            ? 'territories.hintPlace'
            : 'territories.hintIdle',
    );
  }

  private startEditing(): void {
    const geometry = this.detail?.geometry;
    this.clearProblem();
    this.creating = false;
    if (!geometry || !this.editor?.edit(geometry))
      this.problem.textContent = this.deps.locale.t('territories.manyParts');
  }

  private startCreating(): void {
    this.clearProblem();
    this.creating = true;
    this.editor?.startDrawing();
    this.newName.focus();
  }

  /**
   * An outline typed or pasted as GeoJSON (a Polygon, a one-part MultiPolygon, or a Feature of one):
   * the way to give one without a pointer. It goes on the map like a drawn one, for the area being
   * created, or else as this territory's new outline; saved with the same buttons.
   */
  private useGeoJson(): void {
    this.clearProblem();
    let parsed: unknown;
    try {
      parsed = JSON.parse(this.pasted.value);
    } catch {
      parsed = undefined;
    }
    const value = parsed as { type?: string; geometry?: unknown } | undefined;
    const geometry = (value?.type === 'Feature' ? value.geometry : value) as AreaGeometry | undefined;
    const isArea = geometry?.type === 'Polygon' || geometry?.type === 'MultiPolygon';
    if (!isArea || !this.editor?.edit(geometry)) {
      this.problem.textContent = this.deps.locale.t('territories.typedNotPolygon');
      return;
    }
    this.status.textContent = this.deps.locale.t('territories.typedShown');
  }

  private stopDrawing(): void {
    this.creating = false;
    this.editor?.reset();
    this.clearProblem();
  }

  /** The outline drawn, or a message that there is none yet. */
  private drawn(): AreaGeometry | null {
    const geometry = this.editor?.geometry() ?? null;
    if (!geometry) this.problem.textContent = this.deps.locale.t('territories.noOutline');
    return geometry;
  }

  private async saveEdited(): Promise<void> {
    const geometry = this.drawn();
    if (!geometry) return;
    await this.attempt(async () => {
      await this.deps.api.send('PUT', `/api/territories/${this.territoryId}`, { type: 'Feature', geometry });
      this.editor?.reset();
      this.status.textContent = this.deps.locale.t('territories.outlineSaved');
      await this.load();
    });
  }

  private async saveNew(): Promise<void> {
    const geometry = this.drawn();
    if (!geometry) return;
    const upload: TerritoryUpload = {
      type: 'Feature',
      geometry,
      properties: {
        name: this.newName.value,
        level: this.newLevel.value as TerritoryLevel,
        parentId: this.territoryId,
      },
    };
    await this.attempt(async () => {
      const created = await this.deps.api.post<TerritoryDetail>('/api/territories', upload);
      this.creating = false;
      this.editor?.reset();
      this.newName.value = '';
      this.status.textContent = this.deps.locale.t('territories.created', { name: created.properties.name });
      await this.load();
    });
  }

  private async saveRules(change: RulesChange): Promise<void> {
    await this.attempt(async () => {
      await this.deps.api.send('PUT', `/api/territories/${this.territoryId}`, {
        type: 'Feature',
        properties: change,
      });
      this.status.textContent = this.deps.locale.t('territories.rulesSaved');
      await this.load();
    });
  }

  private async setLenders(lenders: TerritoryLender[]): Promise<void> {
    await this.attempt(async () => {
      await this.deps.api.send('PUT', `/api/territories/${this.territoryId}/lending`, { lenders });
      this.status.textContent = this.deps.locale.t('territories.lendingSaved');
      await this.load();
    });
  }

  private async setAgreement(borrowerId: string, agreed: boolean): Promise<void> {
    await this.attempt(async () => {
      await this.deps.api.send('PUT', `/api/territories/${this.territoryId}/borrowers/${borrowerId}`, {
        agreed,
      });
      this.status.textContent = this.deps.locale.t(agreed ? 'territories.agreed' : 'territories.withdrawn');
      await this.load();
    });
  }

  private awaitClick(pending: Pending): void {
    this.clearProblem();
    this.pending = pending;
    this.status.textContent = this.deps.locale.t(
      pending?.kind === 'move' ? 'territories.clickToMove' : 'territories.clickToAdd',
      { name: pending?.kind === 'move' ? pending.place.name : (pending?.name ?? '') },
    );
    this.renderOutline();
  }

  private async mapClicked(at: LngLat): Promise<void> {
    const pending = this.pending;
    if (!pending || this.editor?.mode !== 'idle') return;
    this.pending = null;
    const id = this.territoryId;
    if (pending.kind === 'move') return this.patchPlace(pending.place, { position: at });
    await this.attempt(async () => {
      await this.deps.api.post(`/api/territories/${id}/places`, {
        name: pending.name,
        kind: pending.placeKind,
        position: at,
      });
      this.places.added();
      await this.load();
      this.status.textContent = this.deps.locale.t('territories.placeAdded', { name: pending.name });
    });
  }

  private async patchPlace(place: PlaceView, change: { name?: string; position?: LngLat }): Promise<void> {
    await this.attempt(async () => {
      await this.deps.api.send('PATCH', `/api/territories/${this.territoryId}/places/${place.id}`, change);
      await this.load();
      this.status.textContent = this.deps.locale.t('territories.placeSaved', {
        name: change.name ?? place.name,
      });
    });
  }

  private async retirePlace(place: PlaceView): Promise<void> {
    await this.attempt(async () => {
      await this.deps.api.send('DELETE', `/api/territories/${this.territoryId}/places/${place.id}`);
      await this.load();
      this.status.textContent = this.deps.locale.t('territories.placeRetired', { name: place.name });
    });
  }

  /** Runs an API call; its failure is shown, on the map where the server says it is. */
  private async attempt(work: () => Promise<void>): Promise<void> {
    this.clearProblem();
    try {
      await work();
    } catch (failure) {
      this.status.textContent = '';
      this.showProblem(failure);
    }
  }

  private showProblem(failure: unknown): void {
    const { locale } = this.deps;
    const text = errorText(failure, locale);
    const location = failure instanceof ApiError ? failure.body.location : undefined;
    this.rules.fieldFault(failure instanceof ApiError ? failure.body.field : undefined);
    if (location && this.view) {
      this.problem.textContent = locale.t('territories.problemHere', { problem: text });
      this.view.setMarker(PROBLEM_MARKER, 'problem', location, text);
      this.view.map.easeTo({ center: location, duration: 0 });
    } else this.problem.textContent = text;
    this.element.dataset.state = 'ready';
  }

  private clearProblem(): void {
    this.problem.textContent = '';
    this.view?.setMarker(PROBLEM_MARKER, 'problem', null);
  }
}
