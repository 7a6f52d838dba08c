import { previewUrl, signPreview, verifyPreview } from '../preview';
import { strapiQuery } from '../query';
import { contentSecurityPolicy } from '../security';
import { articleJsonLd, jsonForScript } from '../structured-data';
import {
  articlePath,
  mediaSrcset,
  mediaUrl,
  shareUrl,
  statsUrl,
  tagPath,
  viewsLabel,
} from '../urls';

describe('urls', () => {
  it('builds the page paths Strapi links to, encoded', () => {
    expect(articlePath('fr', 'été')).toBe('/fr/articles/%C3%A9t%C3%A9');
    expect(tagPath('en', 'ai')).toBe('/en/tags/ai');
    expect(tagPath('en', 'ai', 3)).toBe('/en/tags/ai?page=3');
  });

  it('makes upload URLs absolute on Strapi and leaves absolute ones', () => {
    expect(mediaUrl('http://cms:1337/', '/uploads/a.webp')).toBe('http://cms:1337/uploads/a.webp');
    expect(mediaUrl('http://cms:1337', 'https://cdn.example.com/a.webp')).toBe(
      'https://cdn.example.com/a.webp'
    );
    expect(mediaSrcset('http://cms', '/uploads/a_320.webp 320w, /uploads/a.webp 1200w')).toBe(
      'http://cms/uploads/a_320.webp 320w, http://cms/uploads/a.webp 1200w'
    );
  });

  it('links shares to the share redirect and says the count in words', () => {
    expect(shareUrl('http://cms/', 'x', 'abc', 'fr')).toBe(
      'http://cms/api/engagement/share/x/article/abc?locale=fr'
    );
    expect(shareUrl('http://cms', 'email', 'abc', 'pt-BR')).toBe(
      'http://cms/api/engagement/share/email/article/abc?locale=pt-BR'
    );
    expect(statsUrl('http://cms/', 'abc', 'fr')).toBe(
      'http://cms/api/engagement/article/abc?days=1&locale=fr'
    );
    expect(viewsLabel(4633, 'en')).toBe('4,633 views');
    expect(viewsLabel(1, 'en')).toBe('1 view');
  });
});

describe('strapiQuery', () => {
  it('writes nested filters, arrays and pagination as Strapi reads them', () => {
    expect(
      strapiQuery({
        filters: { slug: { $eq: 'a b' } },
        populate: ['cover', 'tags'],
        pagination: { page: 2 },
        locale: undefined,
      })
    ).toBe(
      'filters[slug][$eq]=a%20b&populate[0]=cover&populate[1]=tags&pagination[page]=2'.replace(
        /[[\]$]/g,
        (c) => encodeURIComponent(c)
      )
    );
  });
});

describe('preview tokens', () => {
  const grant = { path: '/en/articles/a', status: 'draft' as const, expires: 2_000 };

  it('accepts its own token before it expires, for the path it names', () => {
    expect(verifyPreview(signPreview(grant, 's'), 's', 1_000)).toEqual(grant);
  });

  it('refuses an expired, forged or altered token', () => {
    const token = signPreview(grant, 's');
    expect(verifyPreview(token, 's', 2_000)).toBeNull();
    expect(verifyPreview(token, 'other', 1_000)).toBeNull();
    const [, mac] = token.split('.');
    const altered = `${Buffer.from(JSON.stringify(['/en/articles/b', 'draft', 2_000])).toString('base64url')}.${mac}`;
    expect(verifyPreview(altered, 's', 1_000)).toBeNull();
    expect(verifyPreview('nonsense', 's', 1_000)).toBeNull();
  });

  it("opens the page's preview route, not the public page", () => {
    const url = new URL(previewUrl('https://www.example.com/', '/fr/articles/été', 'abc.def'));
    expect(url.origin + url.pathname).toBe(
      'https://www.example.com/preview/fr/articles/%C3%A9t%C3%A9'
    );
    expect(url.searchParams.get('preview')).toBe('abc.def');
  });
});

describe('structured data', () => {
  it('describes the article with the cover ImageObject, safe inside a script', () => {
    const data = articleJsonLd({
      url: 'https://e.com/en/articles/a',
      headline: 'A </script> title',
      locale: 'en',
      coverJsonLd: { '@type': 'ImageObject', contentUrl: 'https://e.com/a.jpg' },
      keywords: ['AI'],
    });
    expect(data).toMatchObject({
      '@type': 'Article',
      image: { '@type': 'ImageObject' },
      keywords: 'AI',
    });
    expect(jsonForScript(data)).not.toContain('</script>');
    expect(JSON.parse(jsonForScript(data)).headline).toBe('A </script> title');
  });
});

describe('contentSecurityPolicy', () => {
  const directives = (policy: string) =>
    Object.fromEntries(
      policy.split('; ').map((directive) => {
        const [name, ...values] = directive.split(' ');
        return [name, values];
      })
    );

  it("runs scripts only from the site with the request's nonce, and reaches Strapi", () => {
    const policy = directives(
      contentSecurityPolicy({ nonce: 'bm9uY2U=', strapiUrl: 'https://cms.example.com/' })
    );
    expect(policy['script-src']).toEqual(["'self'", "'nonce-bm9uY2U='"]);
    expect(policy['connect-src']).toEqual(["'self'", 'https://cms.example.com']);
    expect(policy['worker-src']).toEqual(["'self'", 'blob:']);
    expect(policy['frame-ancestors']).toEqual(["'self'", 'https://cms.example.com']);
    expect(policy['object-src']).toEqual(["'none'"]);
    expect(policy['base-uri']).toEqual(["'none'"]);
  });

  it('lets next dev evaluate code and open its socket, never production', () => {
    const dev = directives(
      contentSecurityPolicy({ nonce: 'n', strapiUrl: 'http://localhost:1337', development: true })
    );
    expect(dev['script-src']).toContain("'unsafe-eval'");
    expect(dev['connect-src']).toContain('ws:');
  });
});
