package dev.jwtsecurity.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwtsecurity.testing.TestKeys;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** PEM keys as OpenSSL writes them, with the same key checks as JWK. */
class PemTest {

  static String resource(String name) {
    try (InputStream in = PemTest.class.getResourceAsStream("/pem/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException | NullPointerException e) {
      throw new AssertionError("missing fixture " + name, e);
    }
  }

  static String pem(String label, byte[] der) {
    return "-----BEGIN "
        + label
        + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END "
        + label
        + "-----\n";
  }

  static JwtVerifier.VerifiedJwt verifyJws(JwtKey key, String jws) throws InvalidTokenException {
    return JwtVerifier.builder().key(key).jwsOnly().build().verify(jws.trim());
  }

  @Test
  void fromPem_rsaPublicKeyCertificateAndPrivateKey_eachVerifiesOpensslSignature()
      throws Exception {
    String jws = resource("rsa-openssl.jws");
    for (String file : List.of("rsa-public.pem", "rsa-cert.pem", "rsa-private.pem")) {
      JwtKey k = JwtKey.fromPem("openssl-rsa", Algorithm.RS256, resource(file));
      assertThat(verifyJws(k, jws).header()).containsEntry("kid", "openssl-rsa");
      assertThat(k.canSign()).isEqualTo(file.contains("private"));
    }
  }

  @Test
  void fromPem_privateKey_signsWhatItsPublicHalfVerifies() throws Exception {
    JwtKey priv = JwtKey.fromPem("k", Algorithm.PS256, resource("rsa-private.pem"));
    JwtKey pub = JwtKey.fromPem("k", Algorithm.PS256, resource("rsa-public.pem"));
    String jws = Forge.sign("{\"alg\":\"PS256\",\"kid\":\"k\"}", "{}", priv);
    assertThat(verifyJws(pub, jws).keyId()).isEqualTo("k");
  }

  @Test
  void fromPem_privateKeyWithItsCertificate_loads_withAnotherPublicKey_refused() {
    String both = resource("rsa-private.pem") + "\n" + resource("rsa-cert.pem");
    assertThat(JwtKey.fromPem("k", Algorithm.RS256, both).canSign()).isTrue();
    String other = pem("PUBLIC KEY", TestKeys.keyPair(Algorithm.RS256).getPublic().getEncoded());
    assertThatThrownBy(
            () -> JwtKey.fromPem("k", Algorithm.RS256, resource("rsa-private.pem") + other))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("does not belong");
  }

  @Test
  void fromPem_certificateChain_firstCertificateIsTheKey() throws Exception {
    String chain = resource("rsa-cert.pem") + resource("ec-cert.pem");
    JwtKey k = JwtKey.fromPem("openssl-rsa", Algorithm.RS256, "text before\n" + chain);
    assertThat(verifyJws(k, resource("rsa-openssl.jws")).keyId()).isEqualTo("openssl-rsa");
  }

  @Test
  void fromPem_ecFromOpenssl_publicCertificateAndPrivateAgree() throws Exception {
    JwtKey priv = JwtKey.fromPem("e", Algorithm.ES256, resource("ec-private.pem"));
    String jws = Forge.sign("{\"alg\":\"ES256\",\"kid\":\"e\"}", "{\"a\":1}", priv);
    for (String file : List.of("ec-public.pem", "ec-cert.pem")) {
      assertThat(verifyJws(JwtKey.fromPem("e", Algorithm.ES256, resource(file)), jws).keyId())
          .isEqualTo("e");
    }
  }

  @Test
  void fromPem_ed25519FromOpenssl_verifiesOpensslSignatureAndDerivesThePublicKey()
      throws Exception {
    String jws = resource("ed25519-openssl.jws");
    JwtKey pub = JwtKey.fromPem("openssl-ed", Algorithm.EDDSA, resource("ed25519-public.pem"));
    JwtKey priv = JwtKey.fromPem("openssl-ed", Algorithm.EDDSA, resource("ed25519-private.pem"));
    assertThat(verifyJws(pub, jws).keyId()).isEqualTo("openssl-ed");
    assertThat(verifyJws(priv, jws).keyId()).isEqualTo("openssl-ed");
    assertThat(priv.toPublicJwk()).isEqualTo(pub.toPublicJwk());
  }

  @Test
  void fromPem_jdkPkcs8WithoutEmbeddedPublicKey_publicKeyComputed() {
    for (Algorithm a :
        List.of(
            Algorithm.ES256, Algorithm.ES384, Algorithm.ES512, Algorithm.EDDSA, Algorithm.RS256)) {
      KeyPair kp = TestKeys.keyPair(a);
      JwtKey k = JwtKey.fromPem("k", a, pem("PRIVATE KEY", kp.getPrivate().getEncoded()));
      assertThat(k.canSign()).isTrue();
      assertThat(k.toPublicJwk())
          .isEqualTo(JwtKey.verificationOnly("k", a, kp.getPublic()).toPublicJwk());
    }
  }

  static Stream<Arguments> curves() {
    long seed = new SecureRandom().nextLong();
    System.out.println("PemTest.multiply_matchesTheJdk seed=" + seed);
    return Stream.of("secp256r1", "secp384r1", "secp521r1")
        .flatMap(c -> Stream.of(Arguments.of(c, seed), Arguments.of(c, seed + 1)));
  }

  /** The scalar multiplication behind EC PKCS#8 loading, against the JDK's own key generation. */
  @ParameterizedTest
  @MethodSource("curves")
  void multiply_matchesTheJdk(String curve, long seed) throws Exception {
    SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
    random.setSeed(seed);
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec(curve), random);
    for (int i = 0; i < 4; i++) {
      KeyPair kp = g.generateKeyPair();
      java.security.interfaces.ECPrivateKey priv =
          (java.security.interfaces.ECPrivateKey) kp.getPrivate();
      java.security.interfaces.ECPublicKey pub =
          (java.security.interfaces.ECPublicKey) kp.getPublic();
      assertThat(Pem.multiply(priv.getParams(), priv.getS()))
          .as("seed " + seed)
          .isEqualTo(pub.getW());
    }
  }

  @Test
  void fromPem_refusals_sayWhatToDoAndCarryNoKeyMaterial() {
    record Case(Algorithm alg, String text, String message) {}
    String rsaPriv = resource("rsa-private.pem");
    String body = rsaPriv.lines().skip(1).findFirst().orElseThrow();
    List<Case> cases =
        List.of(
            new Case(Algorithm.RS256, resource("rsa1024-public.pem"), "at least 2048 bits"),
            new Case(Algorithm.RS256, resource("rsa-cert-encipher-only.pem"), "digitalSignature"),
            new Case(Algorithm.RS256, resource("rsa-private-encrypted.pem"), "encrypted"),
            new Case(Algorithm.RS256, resource("rsa-private-pkcs1.pem"), "openssl pkcs8 -topk8"),
            new Case(Algorithm.ES256, resource("ec-private-sec1.pem"), "openssl pkcs8 -topk8"),
            new Case(Algorithm.ES256, resource("ec384-private.pem"), "P-256"),
            new Case(Algorithm.ES256, resource("rsa-public.pem"), "EC P-256"),
            new Case(Algorithm.HS256, resource("rsa-public.pem"), "shared secret"),
            new Case(Algorithm.RS256, "no pem here", "no PEM block"),
            new Case(Algorithm.RS256, rsaPriv + rsaPriv, "more than one private key"),
            new Case(
                Algorithm.RS256,
                "-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n-----END OPENSSH PRIVATE KEY-----",
                "not keys"),
            new Case(
                Algorithm.RS256,
                "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n\nAAAA\n-----END RSA PRIVATE KEY-----",
                "encrypted"),
            new Case(
                Algorithm.RS256,
                rsaPriv.replace("-----END PRIVATE KEY-----", ""),
                "no matching END"),
            new Case(Algorithm.RS256, rsaPriv.replace(body, body.replace('A', '!')), "base64"),
            new Case(
                Algorithm.RS256,
                rsaPriv.replace(body, body.substring(0, 32)) /* truncated DER */,
                "not a PKCS#8 RSA private key"));
    for (Case c : cases) {
      assertThatThrownBy(() -> JwtKey.fromPem("k", c.alg(), c.text()))
          .as(c.message())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(c.message())
          .hasNoCause()
          .message()
          .doesNotContain(body.substring(10, 30));
    }
  }

  @Test
  void fromPem_publicKeyForAnotherAlgorithmFamily_refused() {
    PublicKey ed = TestKeys.keyPair(Algorithm.EDDSA).getPublic();
    assertThatThrownBy(
            () -> JwtKey.fromPem("k", Algorithm.RS256, pem("PUBLIC KEY", ed.getEncoded())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("RSA");
  }
}
