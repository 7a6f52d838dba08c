import { createHealthProbe, unavailablePage } from '../availability';

/** A probe on a fake clock and a fake API whose answers the test sets. */
function probeOf(answers: Array<number | Error>) {
  let clock = 0;
  const asked: string[] = [];
  const reasons: string[] = [];
  const probe = createHealthProbe({
    healthUrl: () => 'http://cms:1337/_health',
    fetch: async (url) => {
      asked.push(url);
      const answer = answers.shift();
      if (answer instanceof Error) throw answer;
      return new Response(null, { status: answer ?? 204 });
    },
    now: () => clock,
    ttlMs: 1000,
    timeoutMs: 500,
    onDown: (reason) => reasons.push(reason),
  });
  return { probe, asked, reasons, advance: (ms: number) => (clock += ms) };
}

describe('createHealthProbe', () => {
  it("says up on Strapi's 204 and asks again only once the answer is old", async () => {
    const { probe, asked, advance } = probeOf([204, 204]);
    await expect(Promise.all([probe.isUp(), probe.isUp()])).resolves.toEqual([true, true]);
    advance(999);
    await expect(probe.isUp()).resolves.toBe(true);
    expect(asked).toEqual(['http://cms:1337/_health']);
    advance(1);
    await expect(probe.isUp()).resolves.toBe(true);
    expect(asked).toHaveLength(2);
  });

  it('says down when the API does not answer or answers a server error, and why', async () => {
    const { probe, reasons, advance } = probeOf([new Error('connect ECONNREFUSED'), 503, 204]);
    await expect(probe.isUp()).resolves.toBe(false);
    advance(1000);
    await expect(probe.isUp()).resolves.toBe(false);
    advance(1000);
    // back up: the next request renders again
    await expect(probe.isUp()).resolves.toBe(true);
    expect(reasons).toEqual([
      'http://cms:1337/_health did not answer: connect ECONNREFUSED',
      'http://cms:1337/_health answered 503',
    ]);
  });
});

describe('unavailablePage', () => {
  it('says the service is unavailable in the page language, with no detail of the failure', () => {
    const page = unavailablePage('fr');
    expect(page).toContain('<html lang="fr">');
    expect(page).toContain('<h1>Service unavailable</h1>');
    expect(unavailablePage('"><script>')).toContain('<html lang="en">');
  });
});
