import sharp from 'sharp';
import { createC2paReader, mayHaveC2pa } from '../c2pa';
import { readProvenance } from '../provenance';
import { makeTestSigner, signC2pa, tamper, type TestSigner } from './c2pa-fixtures';
import { AI_SOURCE_TYPE } from './rights-fixtures';

const image = (format: 'jpeg' | 'png') =>
  sharp({ create: { width: 320, height: 200, channels: 3, background: '#2563eb' } })
    [format]()
    .toBuffer();

let signer: TestSigner;
const reader = createC2paReader();
const readC2pa = (bytes: Buffer) => reader.read(bytes);
beforeAll(() => {
  signer = makeTestSigner();
});
afterAll(() => reader.close());

describe('readC2pa', () => {
  it.each([
    ['jpeg', 'image/jpeg'],
    ['png', 'image/png'],
  ] as const)(
    'reads the claim generator and actions of a signed %s and validates it',
    async (format, mime) => {
      const signed = await signC2pa(await image(format), mime, signer);
      expect(await readC2pa(signed)).toEqual({
        present: true,
        claimGenerator: 'DALL·E (test)',
        actions: [
          { action: 'c2pa.created', digitalSourceType: AI_SOURCE_TYPE, softwareAgent: 'DALL·E' },
        ],
        validated: true,
      });
    }
  );

  it('says the credentials do not validate when the image changed after signing', async () => {
    const info = await readC2pa(tamper(await signC2pa(await image('jpeg'), 'image/jpeg', signer)));
    expect(info).toMatchObject({
      present: true,
      validated: false,
      validationErrors: ['assertion.dataHash.mismatch'],
    });
  });

  it('says the credentials do not validate when the signing certificate is self-signed', async () => {
    const info = await readC2pa(
      await signC2pa(await image('png'), 'image/png', makeTestSigner({ selfSigned: true }))
    );
    expect(info).toMatchObject({
      present: true,
      validated: false,
      validationErrors: ['signingCredential.invalid'],
    });
  });

  it('finds nothing in an image without a manifest', async () => {
    const plain = await image('jpeg');
    expect(mayHaveC2pa(plain)).toBe(false);
    expect(await readC2pa(plain)).toBeUndefined();
  });
});

describe('readProvenance with C2PA', () => {
  it('marks an image AI-made from its C2PA action alone', async () => {
    const signed = await signC2pa(await image('jpeg'), 'image/jpeg', signer);
    expect(await readProvenance(sharp, signed, { readC2pa })).toEqual({
      version: 1,
      rights: {},
      aiGenerated: true,
      c2pa: expect.objectContaining({
        present: true,
        validated: true,
        claimGenerator: 'DALL·E (test)',
      }),
    });
  });
});
