import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';

/**
 * Test images carrying rights metadata, made here: XMP with sharp's `withXmp`, EXIF (Artist, Copyright,
 * a camera serial, an owner name and GPS) with `withExif`, IPTC-IIM with ExifTool (Debian's
 * libimage-exiftool-perl). Kept inside the plugin so it stays copyable with its tests.
 */
export const AI_SOURCE_TYPE = 'http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia';

export interface XmpRightsFixture {
  creators?: string[];
  credit?: string;
  rights?: string;
  webStatement?: string;
  licensor?: { name: string; url: string };
  usageTerms?: string;
  digitalSourceType?: string;
}

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** An XMP packet the way photo tools write it (Seq/Alt containers, a Licensor struct). */
export function rightsXmp(fields: XmpRightsFixture): string {
  const attributes = [
    fields.credit && `photoshop:Credit="${escapeXml(fields.credit)}"`,
    fields.webStatement && `xmpRights:WebStatement="${escapeXml(fields.webStatement)}"`,
    fields.digitalSourceType && `Iptc4xmpExt:DigitalSourceType="${escapeXml(fields.digitalSourceType)}"`,
  ].filter(Boolean);
  const alt = (text: string) => `<rdf:Alt><rdf:li xml:lang="x-default">${escapeXml(text)}</rdf:li></rdf:Alt>`;
  const elements = [
    fields.creators && `<dc:creator><rdf:Seq>${fields.creators.map((name) => `<rdf:li>${escapeXml(name)}</rdf:li>`).join('')}</rdf:Seq></dc:creator>`,
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
  IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '48/1 51/1 2400/100', GPSLongitudeRef: 'E', GPSLongitude: '2/1 21/1 0/1' },
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

/** Writes IPTC-IIM fields (By-line, Credit, CopyrightNotice, UTF-8) into a JPEG with ExifTool. */
export function withIptc(jpeg: Buffer, fields: { byline?: string[]; credit?: string; copyright?: string }): Buffer {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'thumbnails-iptc-'));
  try {
    const file = path.join(dir, 'image.jpg');
    fs.writeFileSync(file, jpeg);
    const args = ['-q', '-overwrite_original', '-charset', 'iptc=UTF8', '-IPTC:CodedCharacterSet=UTF8'];
    for (const name of fields.byline ?? []) args.push(`-IPTC:By-line=${name}`);
    if (fields.credit) args.push(`-IPTC:Credit=${fields.credit}`);
    if (fields.copyright) args.push(`-IPTC:CopyrightNotice=${fields.copyright}`);
    execFileSync('exiftool', [...args, file]);
    return fs.readFileSync(file);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
