import * as crypto from "node:crypto";
import * as tls from "node:tls";
import forge from "node-forge";
import { describe, expect, it } from "vitest";
import { issueTlsBundle, needsReissue, type TlsBundleSpec } from "./tls";

const SPEC: TlsBundleSpec = {
  caCommonName: "Cairn test CA",
  certs: {
    server: {
      commonName: "server.dc1.consul",
      dnsNames: ["server.svc", "*.server.ns.svc"],
      ipAddresses: ["127.0.0.1"],
    },
    client: { commonName: "client", dnsNames: ["client.ns"] },
  },
  randomKeys: { hmac: 32 },
  validityDays: 365,
  renewDays: 30,
};
const NOW = new Date("2026-12-04T00:00:00Z");
const issued = issueTlsBundle(SPEC, forge, crypto, NOW);

/** A TLS handshake against a server presenting `cert`/`key`, verified by Node (OpenSSL) with `ca`. */
async function handshake(cert: string, key: string, ca: string, servername: string): Promise<void> {
  const server = tls.createServer({ cert, key }, (s) => s.end());
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  try {
    await new Promise<void>((resolve, reject) => {
      const socket = tls.connect({ host: "127.0.0.1", port, ca, servername }, () => {
        socket.end();
        resolve();
      });
      socket.on("error", reject);
    });
  } finally {
    server.close();
  }
}

describe("issueTlsBundle", () => {
  const ca = new crypto.X509Certificate(issued.caCert);
  const server = new crypto.X509Certificate(issued.certs.server!);

  it("issues a CA that signed every certificate, each matching its private key", () => {
    expect(ca.ca).toBe(true);
    expect(ca.subject).toBe("CN=Cairn test CA");
    for (const name of Object.keys(SPEC.certs)) {
      const cert = new crypto.X509Certificate(issued.certs[name]!);
      expect(cert.ca).toBe(false);
      expect(cert.checkIssued(ca)).toBe(true);
      expect(cert.verify(ca.publicKey)).toBe(true);
      expect(cert.checkPrivateKey(crypto.createPrivateKey(issued.keys[name]!))).toBe(true);
    }
  });

  it("puts the requested names and addresses in the certificate and dates it", () => {
    expect(server.subject).toBe("CN=server.dc1.consul");
    expect(server.subjectAltName).toBe("DNS:server.svc, DNS:*.server.ns.svc, IP Address:127.0.0.1");
    expect(server.keyUsage).toEqual(expect.arrayContaining(["1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2"]));
    expect(new Date(server.validTo).toISOString()).toBe(issued.notAfter);
    expect(Date.parse(issued.notAfter) - NOW.getTime()).toBe(365 * 24 * 3600 * 1000);
  });

  it("is accepted by a real TLS client for its SANs and refused for other names", async () => {
    await handshake(issued.certs.server!, issued.keys.server!, issued.caCert, "x.server.ns.svc");
    await expect(
      handshake(issued.certs.server!, issued.keys.server!, issued.caCert, "other.ns.svc"),
    ).rejects.toThrow(/altnames/);
    const stranger = issueTlsBundle(SPEC, forge, crypto, NOW);
    await expect(
      handshake(issued.certs.server!, issued.keys.server!, stranger.caCert, "server.svc"),
    ).rejects.toThrow(/certificate/);
  });

  it("draws fresh keys and random keys on every issue", () => {
    const again = issueTlsBundle(SPEC, forge, crypto, NOW);
    expect(again.keys.server).not.toBe(issued.keys.server);
    expect(Buffer.from(issued.randomKeys.hmac!, "base64")).toHaveLength(32);
    expect(again.randomKeys.hmac).not.toBe(issued.randomKeys.hmac);
  });
});

describe("needsReissue", () => {
  const day = 24 * 3600 * 1000;
  it("keeps a bundle with the same spec until renewDays before it expires", () => {
    expect(needsReissue(issued, SPEC, new Date(NOW.getTime() + 334 * day))).toBe(false);
    expect(needsReissue(issued, SPEC, new Date(NOW.getTime() + 335 * day))).toBe(true);
  });
  it("reissues when any part of the spec changes", () => {
    const more = { ...SPEC, certs: { ...SPEC.certs, extra: { commonName: "x", dnsNames: ["x"] } } };
    expect(needsReissue(issued, more, NOW)).toBe(true);
    expect(needsReissue({ ...issued, notAfter: "not a date" }, SPEC, NOW)).toBe(true);
  });
});
