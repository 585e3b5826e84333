/**
 * A throw-away self-signed certificate for the Graph stand-in's HTTPS (the Graph client attaches the Authorization
 * header only to https hosts and follows only https nextLinks). Made by /usr/bin/openssl into a temp dir, which is
 * removed at once; the certificate is its own CA, so trusting its PEM is enough.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

export const OPENSSL = '/usr/bin/openssl';

export interface Certificate {
  /** PKCS#8 private key PEM. */
  key: string;
  /** Certificate PEM (CN and subjectAltName 127.0.0.1, localhost; valid one day). */
  cert: string;
}

export async function createSelfSignedCertificate(): Promise<Certificate> {
  const dir = await mkdtemp(join(tmpdir(), 'graph-stand-in-'));
  try {
    const keyFile = join(dir, 'key.pem');
    const certFile = join(dir, 'cert.pem');
    const subject = [
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1,DNS:localhost',
    ];
    await promisify(execFile)(OPENSSL, [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      keyFile,
      '-out',
      certFile,
      ...subject,
      '-days',
      '1',
    ]);
    return { key: await readFile(keyFile, 'utf8'), cert: await readFile(certFile, 'utf8') };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
