import { territoryLayers, TERRITORY_STYLE } from './territory-layers.js';

describe('territoryLayers', () => {
  it('draws a fill and an outline from one source, styled by level', () => {
    const [fill, line] = territoryLayers('territories');
    expect(fill).toMatchObject({ id: 'territories-fill', type: 'fill', source: 'territories' });
    expect(line).toMatchObject({ id: 'territories-line', type: 'line', source: 'territories' });
    expect(fill.paint?.['fill-color']).toEqual([
      'match',
      ['get', 'level'],
      'region',
      TERRITORY_STYLE.region.fill,
      'town',
      TERRITORY_STYLE.town.fill,
      'neighbourhood',
      TERRITORY_STYLE.neighbourhood.fill,
      TERRITORY_STYLE.town.fill,
    ]);
  });

  it('makes nested levels stand out more than their parents', () => {
    const { region, town, neighbourhood } = TERRITORY_STYLE;
    expect(new Set([region.fill, town.fill, neighbourhood.fill]).size).toBe(3);
    expect(region.width).toBeLessThan(town.width);
    expect(town.width).toBeLessThan(neighbourhood.width);
  });
});
