import { countLinks, normalizeName, normalizeText, renderHtml, textProblem } from '../text';

describe('normalizeText', () => {
  it('keeps line breaks, unifies them, and trims trailing spaces and long runs of blank lines', () => {
    expect(normalizeText('  First line  \r\nsecond\r\rthird\n\n\n\n\n\nend  ')).toBe(
      'First line\nsecond\n\nthird\n\n\nend'
    );
  });

  it('removes zero-width characters and direction overrides that hide or reverse text', () => {
    expect(normalizeText('safe\u200B text \u202Egnp.exe\u202C and\uFEFF more')).toBe(
      'safe text gnp.exe and more'
    );
  });

  it('composes characters (NFC), so the same word is stored the same way', () => {
    expect(normalizeText('cafe\u0301')).toBe('café');
  });
});

describe('normalizeName', () => {
  it('removes invisible and bidi characters and collapses whitespace', () => {
    expect(normalizeName(' Ada\u200D  \u2066Lovelace\u2069\n ')).toBe('Ada Lovelace');
  });
});

describe('textProblem', () => {
  const limits = { minLength: 1, maxLength: 10 };
  it('accepts text within the limits, counting characters not UTF-16 units', () => {
    expect(textProblem('😀😀😀😀😀😀😀😀😀😀', limits)).toBeNull();
  });
  it('names an empty or too long comment', () => {
    expect(textProblem('', limits)).toBe('the comment is empty');
    expect(textProblem('12345678901', limits)).toBe(
      'the comment is longer than 10 characters (11)'
    );
    expect(textProblem('ab', { minLength: 3, maxLength: 10 })).toBe(
      'the comment is shorter than 3 characters'
    );
  });
});

describe('renderHtml', () => {
  it('escapes markup so a script or HTML payload comes back as inert text', () => {
    expect(renderHtml('<script>alert("x")</script> & <b onmouseover=\'x\'>')).toBe(
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b onmouseover=&#39;x&#39;&gt;'
    );
  });

  it('keeps line breaks as <br>', () => {
    expect(renderHtml('one\ntwo')).toBe('one<br>\ntwo');
  });

  it('makes web addresses links search engines do not credit, and leaves other schemes as text', () => {
    expect(
      renderHtml('see https://example.com/a?b=1&c=2. or www.example.org, not javascript:alert(1)')
    ).toBe(
      'see <a href="https://example.com/a?b=1&amp;c=2" rel="ugc nofollow noopener">https://example.com/a?b=1&amp;c=2</a>. or ' +
        '<a href="http://www.example.org" rel="ugc nofollow noopener">www.example.org</a>, not javascript:alert(1)'
    );
  });

  it('cannot be broken out of the href by quotes in an address', () => {
    expect(renderHtml('https://example.com/"onmouseover="alert(1)')).not.toMatch(/href="[^"]*"on/);
  });
});

describe('countLinks', () => {
  it('counts web addresses, bare domain names included, not email addresses', () => {
    expect(countLinks('a https://a.example b www.example.org c example.com d me@example.net')).toBe(
      3
    );
    expect(countLinks('no links here.')).toBe(0);
  });
});
