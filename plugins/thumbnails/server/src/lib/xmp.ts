import type { FileProvenance, VariantRights } from '../../../shared/provenance';

// A contract with apps (the input of `variants.rewriteRights`): it lives in shared/.
export type { VariantRights } from '../../../shared/provenance';

const escapeXml = (text: string) =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');

/**
 * The rights a file's variants carry: `override` (the app's effective credit, set with
 * `rewriteRights`) when given, else the file's own provenance. Undefined when there is nothing to say.
 */
export function variantRightsOf(
  provenance: FileProvenance | null | undefined,
  override?: VariantRights | null
): VariantRights | undefined {
  const source: VariantRights | undefined =
    override ??
    (provenance
      ? { ...provenance.rights, digitalSourceType: provenance.digitalSourceType }
      : undefined);
  if (!source) return undefined;
  const picked: VariantRights = {};
  if (source.creator?.length) picked.creator = source.creator;
  if (source.creditLine) picked.creditLine = source.creditLine;
  if (source.copyrightNotice) picked.copyrightNotice = source.copyrightNotice;
  if (source.webStatement) picked.webStatement = source.webStatement;
  if (source.licensor?.name || source.licensor?.url) picked.licensor = source.licensor;
  if (source.digitalSourceType) picked.digitalSourceType = source.digitalSourceType;
  return Object.keys(picked).length > 0 ? picked : undefined;
}

/**
 * An XMP packet with only the rights a published image should carry: dc:creator, dc:rights,
 * photoshop:Credit, xmpRights:WebStatement, plus:Licensor and Iptc4xmpExt:DigitalSourceType (the fields
 * Google reads for its "Licensable" badge and AI label). Undefined when `rights` says nothing.
 */
export function rightsXmpPacket(rights: VariantRights | undefined): string | undefined {
  if (!rights) return undefined;
  const attributes: string[] = [];
  const elements: string[] = [];
  const alt = (text: string) =>
    `<rdf:Alt><rdf:li xml:lang="x-default">${escapeXml(text)}</rdf:li></rdf:Alt>`;
  if (rights.creator?.length) {
    elements.push(
      `<dc:creator><rdf:Seq>${rights.creator.map((name) => `<rdf:li>${escapeXml(name)}</rdf:li>`).join('')}</rdf:Seq></dc:creator>`
    );
  }
  if (rights.copyrightNotice)
    elements.push(`<dc:rights>${alt(rights.copyrightNotice)}</dc:rights>`);
  if (rights.creditLine) attributes.push(`photoshop:Credit="${escapeXml(rights.creditLine)}"`);
  if (rights.webStatement)
    attributes.push(`xmpRights:WebStatement="${escapeXml(rights.webStatement)}"`);
  if (rights.licensor && (rights.licensor.name || rights.licensor.url)) {
    const { name, url } = rights.licensor;
    elements.push(
      `<plus:Licensor><rdf:Seq><rdf:li rdf:parseType="Resource">${name ? `<plus:LicensorName>${escapeXml(name)}</plus:LicensorName>` : ''}${
        url ? `<plus:LicensorURL>${escapeXml(url)}</plus:LicensorURL>` : ''
      }</rdf:li></rdf:Seq></plus:Licensor>`
    );
  }
  if (rights.digitalSourceType)
    attributes.push(`Iptc4xmpExt:DigitalSourceType="${escapeXml(rights.digitalSourceType)}"`);
  if (attributes.length === 0 && elements.length === 0) return undefined;
  return [
    '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/"',
    ' xmlns:xmpRights="http://ns.adobe.com/xap/1.0/rights/" xmlns:plus="http://ns.useplus.org/ldf/xmp/1.0/"',
    ` xmlns:Iptc4xmpExt="http://iptc.org/std/Iptc4xmpExt/2008-02-29/"${attributes.map((attribute) => ` ${attribute}`).join('')}>`,
    elements.join(''),
    '</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="r"?>',
  ].join('');
}

const XMP_APP1_HEADER = Buffer.from('http://ns.adobe.com/xap/1.0/\0', 'latin1');

/**
 * Inserts an XMP packet into a JPEG as an APP1 segment right after SOI, without re-encoding (for the
 * upload plugin's own JPEG formats, which sharp wrote without metadata). Returns the input unchanged when
 * it is not a JPEG or the packet does not fit one segment.
 */
export function insertJpegXmp(jpeg: Buffer, packet: string): Buffer {
  if (jpeg.length < 4 || jpeg[0] !== 0xff || jpeg[1] !== 0xd8) return jpeg;
  const payload = Buffer.concat([XMP_APP1_HEADER, Buffer.from(packet, 'utf8')]);
  if (payload.length + 2 > 0xffff) return jpeg;
  const marker = Buffer.from([0xff, 0xe1, (payload.length + 2) >> 8, (payload.length + 2) & 0xff]);
  return Buffer.concat([jpeg.subarray(0, 2), marker, payload, jpeg.subarray(2)]);
}
