// Reads and validates an image's C2PA manifest store (Content Credentials) with @trustnxt/c2pa-ts, in a
// worker thread. Why a worker: the library is ESM-only (its package exports have no `require` condition),
// which the plugin's CommonJS build cannot load, and validation hashes the whole file, which stays off the
// event loop here. The worker stays up and answers one message per request: in { id, bytes: Uint8Array },
// out { id, info: C2paInfo | null } or { id, error: string }.
import { parentPort } from 'node:worker_threads';

const text = (value) => (typeof value === 'string' && value.trim() ? value.trim() : undefined);

const agentName = (agent) => text(typeof agent === 'object' && agent !== null ? agent.name : agent);

async function read(bytes) {
  const { BMFF, JPEG, PNG } = await import('@trustnxt/c2pa-ts/asset');
  const { SuperBox } = await import('@trustnxt/c2pa-ts/jumbf');
  const { ActionAssertion, ManifestStore, ValidationResult } = await import(
    '@trustnxt/c2pa-ts/manifest'
  );
  const Asset = [JPEG, PNG, BMFF].find((type) => type.canRead(bytes));
  if (!Asset) return null;
  const asset = new Asset(bytes);
  const jumbf = asset.getManifestJUMBF();
  if (!jumbf) return null;

  let store;
  let result;
  try {
    store = ManifestStore.read(SuperBox.fromBuffer(jumbf));
    result = await store.validate(asset);
  } catch (error) {
    result = ValidationResult.fromError(error);
  }
  const manifest = store?.getActiveManifest();
  const claim = manifest?.claim;
  const actions = (manifest?.assertions?.assertions ?? [])
    .filter((assertion) => assertion instanceof ActionAssertion)
    .flatMap((assertion) => assertion.actions ?? [])
    .map((action) =>
      Object.fromEntries(
        Object.entries({
          action: String(action.action),
          digitalSourceType: text(action.digitalSourceType),
          softwareAgent: agentName(action.softwareAgent),
        }).filter(([, value]) => value !== undefined)
      )
    );
  const errors = result.statusEntries
    .filter((entry) => !entry.success)
    .map((entry) => (entry.explanation ? `${entry.code}: ${entry.explanation}` : entry.code));
  const claimGenerator = text(claim?.claimGeneratorName);
  return {
    present: true,
    ...(claimGenerator && { claimGenerator }),
    actions,
    validated: result.isValid && errors.length === 0,
    ...(errors.length > 0 && { validationErrors: [...new Set(errors)] }),
  };
}

parentPort.on('message', ({ id, bytes }) => {
  read(new Uint8Array(bytes)).then(
    (info) => parentPort.postMessage({ id, info }),
    (error) =>
      parentPort.postMessage({ id, error: error instanceof Error ? error.message : String(error) })
  );
});
