import { MAX_JSON_DEPTH, jsonBodyProblem } from './json-body-problem.js';

const nested = (levels: number): unknown => {
  let value: unknown = 1;
  for (let i = 0; i < levels; i++) value = [value];
  return value;
};

describe('jsonBodyProblem', () => {
  it('accepts ordinary bodies, including paired surrogates (emoji) and the deepest allowed nesting', () => {
    expect(
      jsonBodyProblem({ note: 'café 🚐', seats: 2, pickup: { coordinates: [24.9, 60.1] } }),
    ).toBeUndefined();
    expect(jsonBodyProblem(nested(MAX_JSON_DEPTH))).toBeUndefined();
    expect(jsonBodyProblem(null)).toBeUndefined();
  });

  it('refuses nesting deeper than the limit, naming the body, without overflowing the stack', () => {
    expect(jsonBodyProblem(nested(MAX_JSON_DEPTH + 1))).toEqual({
      field: 'body',
      message: `body is nested more than ${MAX_JSON_DEPTH} levels deep`,
    });
    expect(jsonBodyProblem({ a: nested(200_000) })?.field).toBe('body');
  });

  it('names the field that holds a NUL byte, by its dotted path', () => {
    expect(jsonBodyProblem({ properties: { name: 'Kal\u0000lio' } })).toEqual({
      field: 'properties.name',
      message: 'properties.name must not contain a NUL character',
    });
    expect(jsonBodyProblem({ lenders: [{}, { territoryId: '\u0000' }] })?.field).toBe(
      'lenders.1.territoryId',
    );
  });

  it('names the field that holds a lone surrogate, high or low', () => {
    expect(jsonBodyProblem({ email: 'a\ud800@x.org' })).toEqual({
      field: 'email',
      message: 'email must be Unicode text (it has an unpaired UTF-16 surrogate)',
    });
    expect(jsonBodyProblem({ email: '\udc00' })?.field).toBe('email');
  });

  it('refuses an unstorable property name, naming the object that holds it', () => {
    expect(jsonBodyProblem({ properties: { 'na\u0000me': 1 } })).toEqual({
      field: 'properties',
      message: 'a property name in properties must not contain a NUL character',
    });
  });

  it('reports the first problem in document order', () => {
    expect(jsonBodyProblem({ a: '\u0000', b: '\u0000' })?.field).toBe('a');
  });
});
