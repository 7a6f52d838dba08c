import { maybeUnserialize, repairStringLengths } from '../php-values';

describe('maybeUnserialize', () => {
  it('decodes arrays, nested arrays, numbers and booleans; lists become arrays', () => {
    expect(maybeUnserialize('a:2:{s:2:"en";i:20;s:2:"de";i:21;}')).toEqual({ en: 20, de: 21 });
    expect(maybeUnserialize('a:2:{i:0;s:1:"a";i:1;s:1:"b";}')).toEqual(['a', 'b']);
    expect(maybeUnserialize('a:1:{s:1:"x";a:1:{s:1:"y";b:1;}}')).toEqual({ x: { y: true } });
  });

  it('reads PHP objects as plain data, never instantiating a class', () => {
    const value = maybeUnserialize('O:8:"stdClass":1:{s:4:"name";s:3:"Bob";}') as Record<
      string,
      unknown
    >;
    expect(value.name).toBe('Bob');
  });

  it('repairs byte lengths broken by a charset conversion or a URL search-and-replace', () => {
    const broken = 'a:1:{s:6:"credit";s:3:"Zoë Ünal";}';
    expect(repairStringLengths(broken)).toBe('a:1:{s:6:"credit";s:10:"Zoë Ünal";}');
    expect(maybeUnserialize(broken)).toEqual({ credit: 'Zoë Ünal' });
  });

  it('leaves plain text and unreadable values as text', () => {
    expect(maybeUnserialize('1234')).toBe('1234');
    expect(maybeUnserialize('a:1:{broken')).toBe('a:1:{broken');
    expect(maybeUnserialize('system("rm -rf /")')).toBe('system("rm -rf /")');
  });
});
