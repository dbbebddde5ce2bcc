package dev.udfshim.it;

import java.io.IOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A CA, a server certificate for 127.0.0.1/localhost and a client certificate, as PEM files. */
final class TestCertificates {
  final Path caCertificate;
  final Path serverCertificate;
  final Path serverKey;
  final Path clientCertificate;
  final Path clientKey;

  private TestCertificates(Path dir) {
    caCertificate = dir.resolve("ca.pem");
    serverCertificate = dir.resolve("server.pem");
    serverKey = dir.resolve("server.key");
    clientCertificate = dir.resolve("client.pem");
    clientKey = dir.resolve("client.key");
  }

  static TestCertificates create(Path dir) throws Exception {
    TestCertificates files = new TestCertificates(dir);
    KeyPair ca = keyPair();
    X500Name caName = new X500Name("CN=shim test CA");
    X509Certificate caCertificate = sign(caName, ca, caName, ca.getPrivate(), true, null);
    KeyPair server = keyPair();
    GeneralNames serverNames =
        new GeneralNames(
            new GeneralName[] {
              new GeneralName(GeneralName.dNSName, "localhost"),
              new GeneralName(GeneralName.iPAddress, "127.0.0.1")
            });
    X509Certificate serverCertificate =
        sign(new X500Name("CN=localhost"), server, caName, ca.getPrivate(), false, serverNames);
    KeyPair client = keyPair();
    X509Certificate clientCertificate =
        sign(new X500Name("CN=shim test client"), client, caName, ca.getPrivate(), false, null);
    pem(files.caCertificate, caCertificate);
    pem(files.serverCertificate, serverCertificate);
    pem(files.serverKey, new JcaPKCS8Generator(server.getPrivate(), null).generate());
    pem(files.clientCertificate, clientCertificate);
    pem(files.clientKey, new JcaPKCS8Generator(client.getPrivate(), null).generate());
    return files;
  }

  private static KeyPair keyPair() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(256);
    return generator.generateKeyPair();
  }

  private static X509Certificate sign(
      X500Name subject,
      KeyPair subjectKeys,
      X500Name issuer,
      PrivateKey issuerKey,
      boolean ca,
      GeneralNames names)
      throws Exception {
    Instant now = Instant.now();
    X509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
            issuer,
            BigInteger.valueOf(now.toEpochMilli()).add(BigInteger.valueOf(System.nanoTime())),
            Date.from(now.minus(Duration.ofHours(1))),
            Date.from(now.plus(Duration.ofDays(1))),
            subject,
            subjectKeys.getPublic());
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
    if (ca) {
      builder.addExtension(
          Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    }
    if (names != null) {
      builder.addExtension(Extension.subjectAlternativeName, false, names);
    }
    return new JcaX509CertificateConverter()
        .getCertificate(
            builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey)));
  }

  private static void pem(Path file, Object value) throws IOException {
    try (Writer out = Files.newBufferedWriter(file);
        JcaPEMWriter pem = new JcaPEMWriter(out)) {
      pem.writeObject(value);
    }
  }
}
