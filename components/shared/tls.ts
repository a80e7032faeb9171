import type * as NodeCrypto from "node:crypto";
import type * as Forge from "node-forge";

/** One certificate of a {@link TlsBundleSpec}, signed by the bundle's CA. */
export interface CertRequest {
  readonly commonName: string;
  /** DNS subject alternative names (wildcards allowed). */
  readonly dnsNames: readonly string[];
  /** IP subject alternative names. */
  readonly ipAddresses?: readonly string[];
}

/**
 * TLS material that a chart's hook job would have generated: one private CA and
 * the certificates it signs, plus random keys (e.g. an HMAC secret).
 */
export interface TlsBundleSpec {
  readonly caCommonName: string;
  readonly certs: Readonly<Record<string, CertRequest>>;
  /** Random keys, name to length in bytes (returned base64). */
  readonly randomKeys?: Readonly<Record<string, number>>;
  /** Lifetime of the CA and every certificate, in days. */
  readonly validityDays: number;
  /** The whole bundle is issued anew on the first update this many days before it expires. */
  readonly renewDays: number;
}

/** The issued bundle, PEM-encoded. Private keys and random keys are secret. */
export interface IssuedTlsBundle {
  readonly spec: TlsBundleSpec;
  readonly caCert: string;
  readonly certs: Record<string, string>;
  readonly keys: Record<string, string>;
  readonly randomKeys: Record<string, string>;
  /** ISO time after which the CA and certificates are invalid. */
  readonly notAfter: string;
}

/**
 * Issues a bundle: RSA 2048 keys (Node's native key generation), X.509 v3
 * certificates (node-forge) with SHA-256 signatures, key usages for TLS servers
 * and clients, and SANs. The modules are passed in so a dynamic provider, which
 * is serialized without module scope, can call it. The CA key is discarded once
 * the certificates are signed: nothing can be signed by it later.
 */
export function issueTlsBundle(
  spec: TlsBundleSpec,
  forge: typeof Forge,
  crypto: typeof NodeCrypto,
  now: Date = new Date(),
): IssuedTlsBundle {
  const pki = forge.pki;
  const keyPair = () => {
    const { privateKey } = crypto.generateKeyPairSync("rsa", {
      modulusLength: 2048,
      privateKeyEncoding: { type: "pkcs1", format: "pem" },
      publicKeyEncoding: { type: "spki", format: "pem" },
    });
    const key = pki.privateKeyFromPem(privateKey);
    return { pem: privateKey, key, publicKey: pki.setRsaPublicKey(key.n, key.e) };
  };
  const notBefore = new Date(now.getTime() - 60 * 60 * 1000);
  const notAfter = new Date(now.getTime() + spec.validityDays * 24 * 60 * 60 * 1000);
  const base = (publicKey: Forge.pki.PublicKey, commonName: string) => {
    const cert = pki.createCertificate();
    cert.publicKey = publicKey;
    // A positive 127-bit serial.
    cert.serialNumber = `7${crypto.randomBytes(16).toString("hex").slice(1)}`;
    cert.validity.notBefore = notBefore;
    cert.validity.notAfter = notAfter;
    cert.setSubject([{ name: "commonName", value: commonName }]);
    return cert;
  };

  const ca = keyPair();
  const caCert = base(ca.publicKey, spec.caCommonName);
  caCert.setIssuer(caCert.subject.attributes);
  caCert.setExtensions([
    { name: "basicConstraints", cA: true, critical: true },
    { name: "keyUsage", keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    { name: "subjectKeyIdentifier" },
  ]);
  caCert.sign(ca.key, forge.md.sha256.create());
  const caKeyId = caCert.generateSubjectKeyIdentifier().getBytes();

  const certs: Record<string, string> = {};
  const keys: Record<string, string> = {};
  for (const [name, req] of Object.entries(spec.certs)) {
    const leaf = keyPair();
    const cert = base(leaf.publicKey, req.commonName);
    cert.setIssuer(caCert.subject.attributes);
    cert.setExtensions([
      { name: "basicConstraints", cA: false, critical: true },
      { name: "keyUsage", digitalSignature: true, keyEncipherment: true, critical: true },
      { name: "extKeyUsage", serverAuth: true, clientAuth: true },
      {
        name: "subjectAltName",
        altNames: [
          ...req.dnsNames.map((value) => ({ type: 2, value })),
          ...(req.ipAddresses ?? []).map((ip) => ({ type: 7, ip })),
        ],
      },
      { name: "subjectKeyIdentifier" },
      { name: "authorityKeyIdentifier", keyIdentifier: caKeyId },
    ]);
    cert.sign(ca.key, forge.md.sha256.create());
    certs[name] = pki.certificateToPem(cert);
    keys[name] = leaf.pem;
  }
  const randomKeys = Object.fromEntries(
    Object.entries(spec.randomKeys ?? {}).map(([name, bytes]) => [
      name,
      crypto.randomBytes(bytes).toString("base64"),
    ]),
  );
  return {
    spec,
    caCert: pki.certificateToPem(caCert),
    certs,
    keys,
    randomKeys,
    notAfter: notAfter.toISOString(),
  };
}

/**
 * Whether an issued bundle must be issued anew: its spec changed, or it expires
 * within `renewDays` of `now`.
 */
export function needsReissue(
  old: Pick<IssuedTlsBundle, "spec" | "notAfter">,
  spec: TlsBundleSpec,
  now: Date = new Date(),
): boolean {
  const changed = JSON.stringify(old.spec) !== JSON.stringify(spec);
  const renewAt = Date.parse(old.notAfter) - spec.renewDays * 24 * 60 * 60 * 1000;
  return changed || !(now.getTime() < renewAt);
}
