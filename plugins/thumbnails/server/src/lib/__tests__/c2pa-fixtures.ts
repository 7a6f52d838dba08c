import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { AI_SOURCE_TYPE } from './rights-fixtures';

/**
 * C2PA-signed test images, made here: a throwaway test CA and signing certificate from openssl (the
 * profile C2PA asks for: not self-signed, critical key usage digitalSignature, EKU emailProtection),
 * and a manifest (claim generator, a `c2pa.created` action, a data hash) embedded with @trustnxt/c2pa-ts.
 */
export interface TestSigner {
  keyPkcs8Pem: string;
  certPem: string;
  chainPem?: string;
}

/** A test CA and a leaf signing certificate valid for two days. `selfSigned` makes one C2PA rejects. */
export function makeTestSigner({ selfSigned = false } = {}): TestSigner {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'thumbnails-c2pa-'));
  const at = (name: string) => path.join(dir, name);
  const openssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'pipe' });
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  try {
    if (selfSigned) {
      openssl(
        'req',
        '-x509',
        ...ec,
        '-keyout',
        at('leaf.key'),
        '-out',
        at('leaf.pem'),
        '-days',
        '2',
        '-subj',
        '/CN=Self Signed Test',
        '-addext',
        'keyUsage=critical,digitalSignature',
        '-addext',
        'extendedKeyUsage=emailProtection'
      );
    } else {
      openssl(
        'req',
        '-x509',
        ...ec,
        '-keyout',
        at('ca.key'),
        '-out',
        at('ca.pem'),
        '-days',
        '2',
        '-subj',
        '/CN=Thumbnails Test CA',
        '-addext',
        'basicConstraints=critical,CA:TRUE',
        '-addext',
        'keyUsage=critical,keyCertSign,cRLSign',
        '-addext',
        'subjectKeyIdentifier=hash'
      );
      openssl(
        'req',
        '-new',
        ...ec,
        '-keyout',
        at('leaf.key'),
        '-out',
        at('leaf.csr'),
        '-subj',
        '/CN=Thumbnails Test Signer'
      );
      fs.writeFileSync(
        at('leaf.ext'),
        'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=emailProtection\nauthorityKeyIdentifier=keyid\nsubjectKeyIdentifier=hash\n'
      );
      openssl(
        'x509',
        '-req',
        '-in',
        at('leaf.csr'),
        '-CA',
        at('ca.pem'),
        '-CAkey',
        at('ca.key'),
        '-CAcreateserial',
        '-days',
        '2',
        '-extfile',
        at('leaf.ext'),
        '-out',
        at('leaf.pem')
      );
    }
    openssl('pkcs8', '-topk8', '-nocrypt', '-in', at('leaf.key'), '-out', at('leaf.p8'));
    return {
      keyPkcs8Pem: fs.readFileSync(at('leaf.p8'), 'utf8'),
      certPem: fs.readFileSync(at('leaf.pem'), 'utf8'),
      ...(!selfSigned && { chainPem: fs.readFileSync(at('ca.pem'), 'utf8') }),
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export interface SignOptions {
  generator?: string;
  action?: { action: string; digitalSourceType?: string; softwareAgent?: string };
}

/** Embeds a signed C2PA manifest into a JPEG or PNG; by default an AI generator's "created" claim. */
export async function signC2pa(
  bytes: Buffer,
  mime: 'image/jpeg' | 'image/png',
  signer: TestSigner,
  options: SignOptions = {}
): Promise<Buffer> {
  const worker = new Worker(path.join(__dirname, 'c2pa-sign-worker.mjs'), {
    workerData: {
      bytes: new Uint8Array(bytes),
      mime,
      ...signer,
      generator: options.generator ?? 'DALL·E (test)',
      action: options.action ?? {
        action: 'c2pa.created',
        digitalSourceType: AI_SOURCE_TYPE,
        softwareAgent: 'DALL·E',
      },
    },
  });
  try {
    const message = await new Promise<{ bytes?: Uint8Array; error?: string }>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    if (!message.bytes) throw new Error(`signing failed: ${message.error}`);
    return Buffer.from(message.bytes);
  } finally {
    await worker.terminate();
  }
}

/**
 * A signed image changed after signing in a way every decoder accepts (bytes appended after its end),
 * so it still uploads but its data hash no longer matches.
 */
export function tamper(signed: Buffer): Buffer {
  return Buffer.concat([signed, Buffer.from('changed after signing')]);
}
