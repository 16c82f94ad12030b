import { csvField, toCsv } from './csv.js';

describe('CSV writing', () => {
  it.each([
    ['plain', 'plain'],
    [42, '42'],
    [null, ''],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
  ])('writes %j as %j', (value, expected) => {
    expect(csvField(value)).toBe(expected);
  });

  it('writes a header and rows, each line ending with a line feed', () => {
    expect(
      toCsv(
        ['id', 'name'],
        [
          ['1', 'Kallio, Helsinki'],
          ['2', null],
        ],
      ),
    ).toBe('id,name\n1,"Kallio, Helsinki"\n2,\n');
  });
});
