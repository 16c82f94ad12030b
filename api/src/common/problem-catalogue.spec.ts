import type { ErrorCode } from '@navette/contracts';
import { statusOf } from './app-error.js';
import { toProblem } from './error.filter.js';
import { PROBLEM_LANGUAGES, problemCatalogue, problemLanguage, problemType } from './problem-catalogue.js';

const codes = Object.keys(statusOf) as ErrorCode[];

describe('the problem catalogue', () => {
  it('has a title and a detail for every error code in every language, each its own', () => {
    for (const language of PROBLEM_LANGUAGES) {
      expect(Object.keys(problemCatalogue[language]).sort()).toEqual([...codes].sort());
      for (const code of codes) {
        const text = problemCatalogue[language][code];
        expect([language, code, text.title.length > 0, text.detail('x').length > 0]).toEqual([
          language,
          code,
          true,
          true,
        ]);
      }
    }
    for (const code of codes)
      expect(problemCatalogue.fr[code].title).not.toBe(problemCatalogue.en[code].title);
  });

  it('picks the language by Accept-Language quality, English when it has none of them', () => {
    expect(problemLanguage(undefined)).toBe('en');
    expect(problemLanguage('fr')).toBe('fr');
    expect(problemLanguage('fr-CA;q=0.8, en;q=0.5')).toBe('fr');
    expect(problemLanguage('en;q=0.4, fr-BE;q=0.9')).toBe('fr');
    expect(problemLanguage('de, fr;q=0')).toBe('en');
    expect(problemLanguage('*')).toBe('en');
  });

  it('makes an RFC 9457 problem that keeps statusCode, code, message and field', () => {
    const body = {
      statusCode: 422,
      code: 'OUT_OF_TERRITORY' as const,
      message: 'no territory here',
      field: 'pickup',
    };
    expect(toProblem(body, 'fr', '/api/rides')).toEqual({
      type: problemType('OUT_OF_TERRITORY'),
      title: 'Hors de tout territoire',
      status: 422,
      detail: 'Aucun territoire ne dessert ce lieu (champ « pickup »).',
      instance: '/api/rides',
      ...body,
    });
    expect(toProblem(body, undefined)).toMatchObject({
      title: 'Outside every territory',
      detail: 'no territory here',
    });
    expect(problemType('IDEMPOTENCY_KEY_REUSED')).toBe('urn:navette:problem:idempotency-key-reused');
  });
});
