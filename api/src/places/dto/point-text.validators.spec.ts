import { parseBboxText, parseLngLatText } from './point-text.validators.js';

describe('parseLngLatText', () => {
  it('reads lng,lat in degrees, spaces allowed around the numbers', () => {
    expect(parseLngLatText('24.9506,60.1843')).toEqual([24.9506, 60.1843]);
    expect(parseLngLatText(' -3.5 , 40 ')).toEqual([-3.5, 40]);
  });

  it.each([undefined, '', '24.95', '24.95,60.18,1', 'a,b', '181,60', '24,91', '1e2,3', '24.,60', ['24,60']])(
    'refuses %j',
    (text) => {
      expect(parseLngLatText(text)).toBeUndefined();
    },
  );
});

describe('parseBboxText', () => {
  it('reads west,south,east,north', () => {
    expect(parseBboxText('24.9,60.1,25,60.2')).toEqual([24.9, 60.1, 25, 60.2]);
  });

  it.each(['24.9,60.1,25', '25,60.1,24.9,60.2', '24.9,60.2,25,60.1', '24.9,60.1,25,60.1', '-190,0,0,1'])(
    'refuses %j',
    (text) => {
      expect(parseBboxText(text)).toBeUndefined();
    },
  );
});
