import { bodyFileLookup, type UploadedFile } from '../body-files';
import type { Block, Loss } from '../strapi-blocks';

const U = 'https://old.example/wp-content/uploads/2024/01/';
const file: UploadedFile = {
  id: 9, name: 'a.jpg', url: '/uploads/a_1.jpg', hash: 'a_1', ext: '.jpg', mime: 'image/jpeg', size: 12,
  width: 10, height: 8, provider: 'local', createdAt: new Date('2024-01-01T00:00:00Z'), updatedAt: '2024-01-02T00:00:00.000Z',
}; // prettier-ignore
const image = (src: string, srcset: string[] = [], attachmentId?: number): Block => ({
  type: 'image',
  image: { url: src, alternativeText: 'alt', caption: null },
  children: [{ type: 'text', text: '' }],
  reference: { src, srcset, attachmentId },
});

describe('bodyFileLookup', () => {
  const lookup = bodyFileLookup(new Map([['2024/01/a.jpg', 1]]), (id) => id === 1);

  it('finds attachments by ID, else by src or any srcset candidate, and links to uploads', () => {
    const body: Block[] = [
      image('https://cdn.example/x.jpg', [`${U}a-300x200.jpg 300w`.split(' ')[0]]),
      image(`${U}b.jpg`, [], 77), // an ID the export does not have, a URL it does not know
      {
        type: 'paragraph',
        children: [
          { type: 'link', url: `${U}a-scaled.jpg`, children: [{ type: 'text', text: 'big' }] },
        ],
      },
    ];
    expect(lookup.attachmentsOfBody(body)).toEqual([1]);
  });

  it('points images and links at the new file; an image it cannot place becomes a link, listed as a loss', () => {
    const losses: Loss[] = [];
    const out = lookup.rewriteBody(
      [
        image(`${U}a-1024x683.jpg`),
        image('https://elsewhere.example/p.jpg'),
        {
          type: 'paragraph',
          children: [
            { type: 'link', url: `${U}a.jpg`, children: [{ type: 'text', text: 'full size' }] },
          ],
        },
      ],
      new Map([[1, file]]),
      losses
    );
    expect(out[0]).toEqual({
      type: 'image',
      image: expect.objectContaining({
        url: '/uploads/a_1.jpg',
        alternativeText: 'alt',
        width: 10,
        createdAt: '2024-01-01T00:00:00.000Z',
      }),
      children: [{ type: 'text', text: '' }],
    });
    expect(out[1]).toEqual({
      type: 'paragraph',
      children: [
        {
          type: 'link',
          url: 'https://elsewhere.example/p.jpg',
          children: [{ type: 'text', text: 'Image: alt' }],
        },
      ],
    });
    expect(out[2]).toMatchObject({ children: [{ url: '/uploads/a_1.jpg' }] });
    expect(losses).toEqual([
      { what: 'image https://elsewhere.example/p.jpg', fallback: 'on another site: a link to it' },
    ]);
  });
});
