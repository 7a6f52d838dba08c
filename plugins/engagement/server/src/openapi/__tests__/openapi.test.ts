import * as z from 'zod/v4';
import { withEntryFields } from '../../../../shared/openapi';
import { contracts, engagementField } from '..';

const json = (schema: z.ZodType) =>
  z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'output' }) as Record<string, any>;

describe('withEntryFields', () => {
  const article = z.object({ documentId: z.string(), title: z.string() });

  it('adds engagement to one entry or to each entry of a list', () => {
    const one = json(withEntryFields(z.object({ data: article }), { engagement: engagementField }));
    const list = json(
      withEntryFields(z.object({ data: z.array(article) }), { engagement: engagementField })
    );
    expect(one.properties.data.properties.engagement.required).toEqual(['views', 'shares']);
    expect(list.properties.data.items.properties.engagement).toBeDefined();
  });

  it('returns responses without entries as they are', () => {
    const counted = z.object({ data: z.object({ counted: z.boolean() }).nullable() });
    expect(withEntryFields(counted, { engagement: engagementField })).toBe(counted);
  });
});

describe('contracts', () => {
  it('declare every path parameter of the five routes', () => {
    expect(Object.keys(contracts['engagement.view'].request.params)).toEqual([
      'type',
      'documentId',
    ]);
    expect(Object.keys(contracts['engagement.shareRedirect'].request.params)).toEqual([
      'network',
      'type',
      'documentId',
    ]);
    expect(Object.keys(contracts['engagement.popular'].request.params)).toEqual(['type']);
  });

  it('list 202 for counting and 302 (400, 404) for the share redirect, 429 for all, and no 200 where none is answered', () => {
    for (const handler of ['engagement.view', 'engagement.share'] as const) {
      expect(Object.keys(contracts[handler].openapi.responses)).toEqual(['202', '429']);
      expect('response' in contracts[handler]).toBe(false);
    }
    expect(Object.keys(contracts['engagement.shareRedirect'].openapi.responses)).toEqual([
      '302',
      '400',
      '404',
      '429',
    ]);
  });

  it("documents the share redirect's optional locale", () => {
    const query = contracts['engagement.shareRedirect'].request.query;
    expect(Object.keys(query)).toEqual(['locale']);
    expect(query.locale.safeParse(undefined).success).toBe(true);
    expect(query.locale.safeParse('fr').success).toBe(true);
  });
});
