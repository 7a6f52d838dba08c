import sharp from 'sharp';

/**
 * Test images carrying rights metadata, made here: XMP with sharp's `withXmp`, EXIF (Artist, Copyright,
 * a camera serial, an owner name and GPS) with `withExif`, IPTC-IIM with the small encoder below (no
 * ExifTool needed, so the tests run with nothing but Node). Kept inside the plugin so it stays copyable
 * with its tests.
 */
export const AI_SOURCE_TYPE =
  'http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia';

export interface XmpRightsFixture {
  creators?: string[];
  credit?: string;
  rights?: string;
  webStatement?: string;
  licensor?: { name: string; url: string };
  usageTerms?: string;
  digitalSourceType?: string;
}

const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** An XMP packet the way photo tools write it (Seq/Alt containers, a Licensor struct). */
export function rightsXmp(fields: XmpRightsFixture): string {
  const attributes = [
    fields.credit && `photoshop:Credit="${escapeXml(fields.credit)}"`,
    fields.webStatement && `xmpRights:WebStatement="${escapeXml(fields.webStatement)}"`,
    fields.digitalSourceType &&
      `Iptc4xmpExt:DigitalSourceType="${escapeXml(fields.digitalSourceType)}"`,
  ].filter(Boolean);
  const alt = (text: string) =>
    `<rdf:Alt><rdf:li xml:lang="x-default">${escapeXml(text)}</rdf:li></rdf:Alt>`;
  const elements = [
    fields.creators &&
      `<dc:creator><rdf:Seq>${fields.creators.map((name) => `<rdf:li>${escapeXml(name)}</rdf:li>`).join('')}</rdf:Seq></dc:creator>`,
    fields.rights && `<dc:rights>${alt(fields.rights)}</dc:rights>`,
    fields.usageTerms && `<xmpRights:UsageTerms>${alt(fields.usageTerms)}</xmpRights:UsageTerms>`,
    fields.licensor &&
      `<plus:Licensor><rdf:Seq><rdf:li rdf:parseType="Resource"><plus:LicensorName>${escapeXml(fields.licensor.name)}</plus:LicensorName><plus:LicensorURL>${escapeXml(fields.licensor.url)}</plus:LicensorURL></rdf:li></rdf:Seq></plus:Licensor>`,
  ].filter(Boolean);
  return `<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/" xmlns:xmpRights="http://ns.adobe.com/xap/1.0/rights/" xmlns:plus="http://ns.useplus.org/ldf/xmp/1.0/" xmlns:Iptc4xmpExt="http://iptc.org/std/Iptc4xmpExt/2008-02-29/" ${attributes.join(' ')}>${elements.join('')}</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>`;
}

/** Private EXIF a variant must never carry. */
export const PRIVATE_EXIF = {
  IFD0: { Make: 'TestCam', Model: 'TC-1', Artist: 'Exif Artist', Copyright: 'Exif Copyright' },
  IFD2: { BodySerialNumber: 'SERIAL-12345', CameraOwnerName: 'Private Owner' },
  IFD3: {
    GPSLatitudeRef: 'N',
    GPSLatitude: '48/1 51/1 2400/100',
    GPSLongitudeRef: 'E',
    GPSLongitude: '2/1 21/1 0/1',
  },
};

const scene = (width: number, height: number) =>
  sharp(
    Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
      <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#0f766e"/><stop offset="1" stop-color="#facc15"/></linearGradient></defs>
      <rect width="100%" height="100%" fill="url(#g)"/><circle cx="${width * 0.6}" cy="${height * 0.5}" r="${Math.min(width, height) * 0.3}" fill="#fff"/></svg>`)
  );

/** An image with the given XMP and the private EXIF above (GPS, serial, owner). */
export async function imageWithRights(
  format: 'jpeg' | 'png' | 'webp' | 'avif',
  fields: XmpRightsFixture,
  { width = 1600, height = 1000, exif = true } = {}
): Promise<Buffer> {
  let pipeline = scene(width, height)[format](format === 'avif' ? { effort: 0 } : {});
  if (Object.keys(fields).length > 0) pipeline = pipeline.withXmp(rightsXmp(fields));
  if (exif) pipeline = pipeline.withExif(PRIVATE_EXIF);
  return pipeline.toBuffer();
}

/** One IIM dataset: tag marker 0x1C, record, dataset number, 2-byte length, value (IPTC IIM 4.2, section 1.5). */
function iimDataset(record: number, dataset: number, value: Buffer): Buffer {
  if (value.length > 0x7fff)
    throw new Error('IIM datasets longer than 32767 bytes need the extended form');
  return Buffer.concat([
    Buffer.from([0x1c, record, dataset, value.length >> 8, value.length & 0xff]),
    value,
  ]);
}

/**
 * Writes IPTC-IIM fields (By-line 2:80, Credit 2:110, Copyright Notice 2:116, declared UTF-8 by 1:90
 * "ESC % G") into a JPEG, as Photoshop and ExifTool store them: an APP13 "Photoshop 3.0" segment holding
 * an 8BIM image resource 0x0404 with the datasets, inserted right after SOI.
 */
export function withIptc(
  jpeg: Buffer,
  fields: { byline?: string[]; credit?: string; copyright?: string }
): Buffer {
  if (jpeg[0] !== 0xff || jpeg[1] !== 0xd8) throw new Error('withIptc takes a JPEG');
  const text = (value: string) => Buffer.from(value, 'utf8');
  const datasets = Buffer.concat([
    iimDataset(1, 90, Buffer.from([0x1b, 0x25, 0x47])),
    iimDataset(2, 0, Buffer.from([0x00, 0x04])),
    ...(fields.byline ?? []).map((name) => iimDataset(2, 80, text(name))),
    ...(fields.credit ? [iimDataset(2, 110, text(fields.credit))] : []),
    ...(fields.copyright ? [iimDataset(2, 116, text(fields.copyright))] : []),
  ]);
  const size = Buffer.alloc(4);
  size.writeUInt32BE(datasets.length);
  // 8BIM, resource id 0x0404, an empty Pascal name padded to an even length, the size, the data padded even.
  const resource = Buffer.concat([
    Buffer.from('8BIM', 'latin1'),
    Buffer.from([0x04, 0x04, 0x00, 0x00]),
    size,
    datasets,
    Buffer.alloc(datasets.length % 2),
  ]);
  const payload = Buffer.concat([Buffer.from('Photoshop 3.0\0', 'latin1'), resource]);
  const header = Buffer.from([0xff, 0xed, (payload.length + 2) >> 8, (payload.length + 2) & 0xff]);
  return Buffer.concat([jpeg.subarray(0, 2), header, payload, jpeg.subarray(2)]);
}
