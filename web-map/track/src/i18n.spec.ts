import { catalogueFaults } from '@navette/web-kit';
import { dictionaries } from './i18n.js';

describe("the tracking page's catalogue", () => {
  it('is complete in English and French, with the same placeholders', () => {
    expect(catalogueFaults(dictionaries)).toEqual([]);
  });
});
