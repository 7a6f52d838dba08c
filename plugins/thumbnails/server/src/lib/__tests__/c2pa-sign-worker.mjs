// Test fixture maker: embeds a signed C2PA manifest (claim generator, one action, a data hash) into a JPEG
// or PNG with @trustnxt/c2pa-ts, in a worker thread because the library is ESM-only. workerData:
// { bytes, mime, keyPkcs8Pem, certPem, chainPem?, generator, action: { action, digitalSourceType?, softwareAgent? } }.
import { parentPort, workerData } from 'node:worker_threads';

const der = (pem) =>
  new Uint8Array(
    Buffer.from(pem.replace(/-{5}(BEGIN|END) [^-]+-{5}/g, '').replace(/\s/g, ''), 'base64')
  );

async function sign({ bytes, mime, keyPkcs8Pem, certPem, chainPem, generator, action }) {
  const { JPEG, PNG } = await import('@trustnxt/c2pa-ts/asset');
  const { ActionAssertion, DataHashAssertion, ManifestStore } = await import(
    '@trustnxt/c2pa-ts/manifest'
  );
  const { CoseAlgorithmIdentifier, LocalSigner } = await import('@trustnxt/c2pa-ts/cose');
  const { X509Certificate } = await import('@peculiar/x509');
  const chain = chainPem ? [new X509Certificate(chainPem)] : [];
  const signer = new LocalSigner(
    der(keyPkcs8Pem),
    CoseAlgorithmIdentifier.ES256,
    new X509Certificate(certPem),
    chain
  );
  const asset = mime === 'image/png' ? new PNG(bytes) : new JPEG(bytes);
  const store = new ManifestStore();
  const manifest = store.createManifest({
    assetFormat: mime,
    instanceID: `xmp:iid:${Date.now()}`,
    defaultHashAlgorithm: 'SHA-256',
    signer,
  });
  manifest.claim.claimGeneratorName = generator;
  const actions = new ActionAssertion();
  actions.label = 'c2pa.actions.v2';
  actions.actions = [
    { ...action, ...(action.softwareAgent && { softwareAgent: { name: action.softwareAgent } }) },
  ];
  manifest.addAssertion(actions);
  const dataHash = DataHashAssertion.create('SHA-256');
  manifest.addAssertion(dataHash);
  await asset.ensureManifestSpace(store.measureSize());
  await dataHash.updateWithAsset(asset);
  await manifest.sign(signer);
  await asset.writeManifestJUMBF(store.getBytes());
  return asset.getDataRange();
}

sign({ ...workerData, bytes: new Uint8Array(workerData.bytes) }).then(
  (bytes) => parentPort.postMessage({ bytes }),
  (error) => parentPort.postMessage({ error: error instanceof Error ? error.stack : String(error) })
);
