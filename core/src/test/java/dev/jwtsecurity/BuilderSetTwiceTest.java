package dev.jwtsecurity;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwtsecurity.access.AccessGuard;
import dev.jwtsecurity.access.Ownership;
import dev.jwtsecurity.audit.AuditOutcome;
import dev.jwtsecurity.audit.AuditRecord;
import dev.jwtsecurity.audit.AuditTrail;
import dev.jwtsecurity.audit.RequestContext;
import dev.jwtsecurity.audit.SecurityEvent;
import dev.jwtsecurity.audit.SecurityEventListener;
import dev.jwtsecurity.audit.SecurityEventType;
import dev.jwtsecurity.config.JwtSettings;
import dev.jwtsecurity.config.Secret;
import dev.jwtsecurity.password.Argon2Parameters;
import dev.jwtsecurity.password.HashLimits;
import dev.jwtsecurity.password.PasswordHasher;
import dev.jwtsecurity.password.PasswordMigration;
import dev.jwtsecurity.password.PasswordTesting;
import dev.jwtsecurity.password.SpringPbkdf2;
import dev.jwtsecurity.testing.TestSecurity;
import dev.jwtsecurity.throttle.LoginThrottle;
import dev.jwtsecurity.throttle.ThrottlePolicy;
import dev.jwtsecurity.throttle.ThrottleStore;
import dev.jwtsecurity.token.AccessTokenClaims;
import dev.jwtsecurity.token.AccessTokenIssuer;
import dev.jwtsecurity.token.AccessTokenValidator;
import dev.jwtsecurity.token.Algorithm;
import dev.jwtsecurity.token.JwtKey;
import dev.jwtsecurity.token.JwtVerifier;
import dev.jwtsecurity.token.KeyRing;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every public builder of core: a setter called a second time fails at once. */
class BuilderSetTwiceTest {

  private static final KeyRing RING =
      KeyRing.of(
          JwtKey.hmac(
              "k1",
              Algorithm.HS256,
              "k7Qp2vX9mR4tY8wZ1cF6hJ3nB5sD0gL7aE2uI9oP4xV6".getBytes(StandardCharsets.US_ASCII)));

  /** A builder, and a setter applied to it once; the test applies it a second time. */
  private static <B> Arguments twice(String name, Supplier<B> builder, SetOnce<B> setter) {
    return Arguments.of(name, builder, setter);
  }

  @FunctionalInterface
  interface SetOnce<B> {
    void apply(B builder);
  }

  static Stream<Arguments> setters() {
    Clock clock = Clock.systemUTC();
    Supplier<JwtSettings.Builder> settings = JwtSettings::builder;
    Supplier<AccessTokenIssuer.Builder> issuer = AccessTokenIssuer::builder;
    Supplier<AccessTokenValidator.Builder> validator = AccessTokenValidator::builder;
    Supplier<JwtVerifier.Builder> verifier = JwtVerifier::builder;
    Supplier<PasswordHasher.Builder> hasher = PasswordHasher::builder;
    Supplier<PasswordMigration.Builder> migration = PasswordMigration::builder;
    Supplier<LoginThrottle.Builder> throttle = LoginThrottle::builder;
    Supplier<AccessGuard.Builder> guard = AccessGuard::builder;
    Supplier<Ownership.Builder> ownership = Ownership::builder;
    Supplier<AccessTokenClaims.Builder> claims = () -> AccessTokenClaims.forSubject("alice");
    Supplier<SecurityEvent.Builder> event =
        () -> SecurityEvent.builder(SecurityEventType.AUTHZ_FAIL, Instant.EPOCH);
    Supplier<AuditRecord.Builder> record =
        () -> AuditRecord.builder(Instant.EPOCH, "alice", "read", AuditOutcome.SUCCESS);
    return Stream.of(
        twice("JwtSettings.algorithm", settings, b -> b.algorithm(Algorithm.HS384)),
        twice("JwtSettings.secret", settings, b -> b.secret(Secret.ofUtf8(TestSecurity.SECRET))),
        twice("JwtSettings.keyId", settings, b -> b.keyId("k")),
        twice("JwtSettings.issuer", settings, b -> b.issuer("https://a")),
        twice("JwtSettings.audience", settings, b -> b.audience("api")),
        twice("JwtSettings.environment", settings, b -> b.environment("test")),
        twice("JwtSettings.clockSkew", settings, b -> b.clockSkew(Duration.ZERO)),
        twice(
            "JwtSettings.accessTokenLifetime",
            settings,
            b -> b.accessTokenLifetime(Duration.ofMinutes(5))),
        twice("JwtSettings.privateJwk", settings, b -> b.privateJwk("{}")),
        twice("AccessTokenIssuer.keyRing", issuer, b -> b.keyRing(RING)),
        twice("AccessTokenIssuer.issuer", issuer, b -> b.issuer("https://a")),
        twice("AccessTokenIssuer.audience", issuer, b -> b.audience("api")),
        twice("AccessTokenIssuer.environment", issuer, b -> b.environment("test")),
        twice(
            "AccessTokenIssuer.accessTokenLifetime",
            issuer,
            b -> b.accessTokenLifetime(Duration.ofMinutes(5))),
        twice("AccessTokenIssuer.clock", issuer, b -> b.clock(clock)),
        twice("AccessTokenIssuer.random", issuer, b -> b.random(new SecureRandom())),
        twice("AccessTokenValidator.keyRing", validator, b -> b.keyRing(RING)),
        twice("AccessTokenValidator.issuer", validator, b -> b.issuer("https://a")),
        twice("AccessTokenValidator.audience", validator, b -> b.audience("api")),
        twice("AccessTokenValidator.environment", validator, b -> b.environment("test")),
        twice("AccessTokenValidator.clockSkew", validator, b -> b.clockSkew(Duration.ZERO)),
        twice("AccessTokenValidator.maxTokenLength", validator, b -> b.maxTokenLength(4096)),
        twice("AccessTokenValidator.clock", validator, b -> b.clock(clock)),
        twice("JwtVerifier.keys", verifier, b -> b.keys(List.of(RING.signingKey()))),
        twice("JwtVerifier.requireType", verifier, b -> b.requireType("JWT")),
        twice("JwtVerifier.requireIssuer", verifier, b -> b.requireIssuer("https://a")),
        twice("JwtVerifier.requireAudience", verifier, b -> b.requireAudience("api")),
        twice("JwtVerifier.requireClaim", verifier, b -> b.requireClaim("scope")),
        twice("JwtVerifier.jwsOnly", verifier, JwtVerifier.Builder::jwsOnly),
        twice("JwtVerifier.clockSkew", verifier, b -> b.clockSkew(Duration.ZERO)),
        twice("JwtVerifier.maxTokenLength", verifier, b -> b.maxTokenLength(4096)),
        twice("PasswordHasher.parameters", hasher, b -> b.parameters(Argon2Parameters.DEFAULT)),
        twice("PasswordHasher.limits", hasher, b -> b.limits(HashLimits.DEFAULT)),
        twice("PasswordHasher.random", hasher, b -> b.random(new SecureRandom())),
        twice("PasswordHasher.memoryBudgetKiB", hasher, b -> b.memoryBudgetKiB(262_144)),
        twice("PasswordHasher.busyTimeout", hasher, b -> b.busyTimeout(Duration.ZERO)),
        twice("PasswordHasher.migration", hasher, b -> b.migration(PasswordMigration.DEFAULT)),
        twice(
            "PasswordHasher.argon2Engine",
            hasher,
            b -> b.argon2Engine(PasswordTesting.nativeArgon2())),
        twice(
            "PasswordMigration.unsafeMinPbkdf2Iterations",
            migration,
            b -> b.unsafeMinPbkdf2Iterations(10_000)),
        twice(
            "PasswordMigration.maxPbkdf2Iterations",
            migration,
            b -> b.maxPbkdf2Iterations(1_000_000)),
        twice(
            "PasswordMigration.unsafeMinScryptMemoryKiB",
            migration,
            b -> b.unsafeMinScryptMemoryKiB(1024)),
        twice("PasswordMigration.maxScryptParallelism", migration, b -> b.maxScryptParallelism(2)),
        twice("PasswordMigration.unsafeMinBcryptCost", migration, b -> b.unsafeMinBcryptCost(8)),
        twice("PasswordMigration.springPbkdf2", migration, b -> b.springPbkdf2(SpringPbkdf2.V5_8)),
        twice(
            "PasswordMigration.springPbkdf2Secret",
            migration,
            b -> b.springPbkdf2Secret(new byte[] {1})),
        twice("LoginThrottle.store", throttle, b -> b.store(ThrottleStore.inMemory())),
        twice("LoginThrottle.clock", throttle, b -> b.clock(clock)),
        twice(
            "LoginThrottle.addressPolicy",
            throttle,
            b -> b.addressPolicy(ThrottlePolicy.ADDRESS_DEFAULT)),
        twice(
            "LoginThrottle.accountPolicy",
            throttle,
            b -> b.accountPolicy(ThrottlePolicy.ACCOUNT_DEFAULT)),
        twice("AccessGuard.events", guard, b -> b.events(SecurityEventListener.none())),
        twice("AccessGuard.clock", guard, b -> b.clock(clock)),
        twice("Ownership.events", ownership, b -> b.events(SecurityEventListener.none())),
        twice("Ownership.clock", ownership, b -> b.clock(clock)),
        twice("Ownership.auditTrail", ownership, b -> b.auditTrail(AuditTrail.inMemory())),
        twice("AccessTokenClaims.claim", claims, b -> b.claim("tenant", "acme")),
        twice("SecurityEvent.userId", event, b -> b.userId("alice")),
        twice("SecurityEvent.request", event, b -> b.request(RequestContext.UNKNOWN)),
        twice("SecurityEvent.tokenId", event, b -> b.tokenId("t")),
        twice("SecurityEvent.reason", event, b -> b.reason(AuditOutcome.DENIED)),
        twice("SecurityEvent.detail", event, b -> b.detail("k", "v")),
        twice("AuditRecord.resource", record, b -> b.resource("document", "1")),
        twice("AuditRecord.request", record, b -> b.request(RequestContext.UNKNOWN)));
  }

  @org.junit.jupiter.api.Test
  void safeAndUnsafeVariants_setTheSameOption_secondFails() {
    JwtSettings.Builder settings = JwtSettings.builder().accessTokenLifetime(Duration.ofMinutes(5));
    assertThatThrownBy(() -> settings.unsafeAccessTokenLifetime(Duration.ofHours(2)))
        .isInstanceOf(IllegalStateException.class);
    AccessTokenIssuer.Builder issuer =
        AccessTokenIssuer.builder().unsafeAccessTokenLifetime(Duration.ofHours(2));
    assertThatThrownBy(() -> issuer.accessTokenLifetime(Duration.ofMinutes(5)))
        .isInstanceOf(IllegalStateException.class);
    PasswordHasher.Builder hasher = PasswordHasher.builder().parameters(Argon2Parameters.DEFAULT);
    assertThatThrownBy(() -> hasher.unsafeParametersForTesting(PasswordTesting.CHEAP))
        .isInstanceOf(IllegalStateException.class);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("setters")
  <B> void setter_calledTwice_throwsIllegalState(String name, Supplier<B> builder, SetOnce<B> set) {
    B b = builder.get();
    set.apply(b);

    assertThatThrownBy(() -> set.apply(b)).isInstanceOf(IllegalStateException.class);
  }
}
