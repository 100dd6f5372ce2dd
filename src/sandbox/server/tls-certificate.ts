import { generate } from 'selfsigned';

export interface TlsCertificate {
  key: string;
  cert: string;
}

/**
 * A throw-away certificate for the sandbox's HTTPS: Jitsi's external_api.js only ever builds `https://` URLs.
 * Browsers in tests run with --ignore-certificate-errors; Node clients pass `cert` as their CA.
 */
export async function selfSignedCertificate(host: string): Promise<TlsCertificate> {
  const now = Date.now();
  const pems = await generate([{ name: 'commonName', value: host }], {
    keyType: 'ec',
    curve: 'P-256',
    notBeforeDate: new Date(now - 60_000),
    notAfterDate: new Date(now + 7 * 24 * 3600_000),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: host },
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
          { type: 7, ip: '::1' },
        ],
      },
    ],
  });
  return { key: pems.private, cert: pems.cert };
}
