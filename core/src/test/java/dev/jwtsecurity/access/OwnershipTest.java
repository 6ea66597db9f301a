package dev.jwtsecurity.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import dev.jwtsecurity.audit.AuditOutcome;
import dev.jwtsecurity.audit.AuditRecord;
import dev.jwtsecurity.audit.AuditTrail;
import dev.jwtsecurity.audit.RequestContext;
import dev.jwtsecurity.audit.SecurityEvent;
import dev.jwtsecurity.audit.SecurityEventType;
import dev.jwtsecurity.testing.ManualClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OwnershipTest {

  private record Document(String id, String ownerId, String title) {}

  private record Invoice(long id, Long ownerId) {}

  private final ManualClock clock = ManualClock.at("2026-11-27T12:00:00Z");
  private final List<SecurityEvent> events = new ArrayList<>();
  private final AuditTrail trail = AuditTrail.inMemory();
  private final Ownership ownership =
      Ownership.builder().events(events::add).clock(clock).auditTrail(trail).build();
  private final AuthenticatedUser alice = new AuthenticatedUser("alice", Set.of("user"), Set.of());
  private final RequestContext ctx = RequestContext.of("203.0.113.7", "curl/8.5", "req-1");

  @Test
  void requireOwned_ownResource_returnsItWithoutSecurityEvent() {
    Document doc = new Document("d1", "alice", "notes");

    assertThat(
            ownership.requireOwned(
                alice, "document", "d1", Optional.of(doc), Document::ownerId, ctx))
        .isSameAs(doc);
    assertThat(events).isEmpty();
  }

  @Test
  void requireOwned_notYoursAndMissing_throwTheSameExceptionWithTheSameMessage() {
    Optional<Document> bobs = Optional.of(new Document("d2", "bob", "bob's secrets"));

    ResourceNotFoundException notYours =
        catchThrowableOfType(
            ResourceNotFoundException.class,
            () -> ownership.requireOwned(alice, "document", "d2", bobs, Document::ownerId, ctx));
    ResourceNotFoundException missing =
        catchThrowableOfType(
            ResourceNotFoundException.class,
            () ->
                ownership.requireOwned(
                    alice, "document", "d3", Optional.<Document>empty(), Document::ownerId, ctx));

    assertThat(notYours).isNotNull().hasSameClassAs(missing);
    assertThat(notYours.getMessage())
        .isEqualTo(missing.getMessage())
        .isEqualTo(ResourceNotFoundException.MESSAGE);
    assertThat(notYours.getStackTrace()).isEmpty();
    assertThat(missing.getStackTrace()).isEmpty();
    assertThat(notYours.getCause()).isNull();
    assertThat(notYours.toString())
        .isEqualTo(missing.toString())
        .doesNotContain("d2")
        .doesNotContain("bob");
  }

  @Test
  void requireOwned_notYours_emitsMaliciousDirectReference() {
    Optional<Document> bobs = Optional.of(new Document("d2", "bob", "x"));

    assertThatThrownBy(
            () -> ownership.requireOwned(alice, "document", "d2", bobs, Document::ownerId, ctx))
        .isInstanceOf(ResourceNotFoundException.class);

    assertThat(events)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.type()).isEqualTo(SecurityEventType.MALICIOUS_DIRECT_REFERENCE);
              assertThat(e.userId()).isEqualTo("alice");
              assertThat(e.request()).isEqualTo(ctx);
              assertThat(e.time()).isEqualTo(clock.instant());
              assertThat(e.details())
                  .containsEntry("resource_type", "document")
                  .containsEntry("resource_id", "d2");
            });
  }

  @Test
  void requireOwned_missing_emitsNoEvent() {
    assertThatThrownBy(
            () ->
                ownership.requireOwned(
                    alice, "document", "d3", Optional.<Document>empty(), Document::ownerId, ctx))
        .isInstanceOf(ResourceNotFoundException.class);

    assertThat(events).isEmpty();
  }

  @Test
  void requireOwned_nullOwner_isRefusedAsNotYours() {
    Optional<Document> orphan = Optional.of(new Document("d4", null, "x"));

    assertThatThrownBy(
            () -> ownership.requireOwned(alice, "document", "d4", orphan, Document::ownerId, ctx))
        .isInstanceOf(ResourceNotFoundException.class);
    assertThat(events).hasSize(1);
  }

  @Test
  void requireOwned_numericOwnerId_comparesByDecimalString() {
    AuthenticatedUser u42 = new AuthenticatedUser("42", Set.of(), Set.of());
    Invoice mine = new Invoice(7, 42L);
    Invoice other = new Invoice(8, 420L);

    assertThat(ownership.requireOwned(u42, "invoice", 7L, Optional.of(mine), Invoice::ownerId, ctx))
        .isSameAs(mine);
    assertThatThrownBy(
            () ->
                ownership.requireOwned(
                    u42, "invoice", 8L, Optional.of(other), Invoice::ownerId, ctx))
        .isInstanceOf(ResourceNotFoundException.class);
  }

  @Test
  void requireOwned_caseDiffersOrPrefix_isNotYours() {
    for (String owner : List.of("Alice", "alice ", "alic", "alice\u0000")) {
      Optional<Document> doc = Optional.of(new Document("d", owner, "x"));
      assertThatThrownBy(
              () -> ownership.requireOwned(alice, "document", "d", doc, Document::ownerId, ctx))
          .isInstanceOf(ResourceNotFoundException.class);
    }
  }

  @Test
  void requireOwned_everyCheck_isRecordedInTheAuditTrailWithItsTrueOutcome() {
    Optional<Document> mine = Optional.of(new Document("d1", "alice", "x"));
    Optional<Document> bobs = Optional.of(new Document("d2", "bob", "x"));
    ownership.requireOwned(alice, "document", "d1", mine, Document::ownerId, ctx);
    assertThatThrownBy(
            () -> ownership.requireOwned(alice, "document", "d2", bobs, Document::ownerId, ctx))
        .isInstanceOf(ResourceNotFoundException.class);
    assertThatThrownBy(
            () ->
                ownership.requireOwned(
                    alice, "document", "d3", Optional.<Document>empty(), Document::ownerId, ctx))
        .isInstanceOf(ResourceNotFoundException.class);

    List<AuditRecord> records =
        trail.query("alice", Instant.EPOCH, clock.instant().plusSeconds(1), 10);
    assertThat(records)
        .extracting(AuditRecord::outcome)
        .containsExactly(AuditOutcome.SUCCESS, AuditOutcome.DENIED, AuditOutcome.NOT_FOUND);
    assertThat(records).extracting(AuditRecord::resourceId).containsExactly("d1", "d2", "d3");
    assertThat(records)
        .allSatisfy(
            r -> {
              assertThat(r.action()).isEqualTo(Ownership.AUDIT_ACTION);
              assertThat(r.request()).isEqualTo(ctx);
            });
  }

  @Test
  void requireFound_emptyFilteredQuery_throwsTheSameNotFound() {
    ResourceNotFoundException e =
        catchThrowableOfType(
            ResourceNotFoundException.class, () -> Ownership.requireFound(Optional.empty()));

    assertThat(e.getMessage()).isEqualTo(ResourceNotFoundException.MESSAGE);
    assertThat(Ownership.requireFound(Optional.of("x"))).isEqualTo("x");
  }

  @Test
  void requireOwned_nullArguments_throwNullPointer() {
    Optional<Document> doc = Optional.of(new Document("d", "alice", "x"));
    assertThatThrownBy(
            () -> ownership.requireOwned(null, "document", "d", doc, Document::ownerId, ctx))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(
            () -> ownership.requireOwned(alice, "document", "d", null, Document::ownerId, ctx))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> ownership.requireOwned(alice, "document", "d", doc, null, ctx))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(
            () -> ownership.requireOwned(alice, "document", "d", doc, Document::ownerId, null))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void requireOwned_generatedOwnersAndCallers_returnsOnlyOwnAndEmitsOnlyForForeign() {
    qt().forAll(integers().between(0, 5), integers().between(0, 5), integers().between(0, 2))
        .checkAssert(
            (owner, caller, presence) -> {
              List<SecurityEvent> seen = new ArrayList<>();
              Ownership o = Ownership.builder().events(seen::add).clock(clock).build();
              AuthenticatedUser user = new AuthenticatedUser("user-" + caller, Set.of(), Set.of());
              Optional<Document> doc =
                  presence == 0
                      ? Optional.empty()
                      : Optional.of(new Document("d", "user-" + owner, "t"));
              boolean own = doc.isPresent() && owner.equals(caller);
              if (own) {
                assertThat(o.requireOwned(user, "document", "d", doc, Document::ownerId, ctx))
                    .isEqualTo(doc.get());
                assertThat(seen).isEmpty();
              } else {
                assertThatThrownBy(
                        () -> o.requireOwned(user, "document", "d", doc, Document::ownerId, ctx))
                    .isExactlyInstanceOf(ResourceNotFoundException.class)
                    .hasMessage(ResourceNotFoundException.MESSAGE);
                assertThat(seen).hasSize(doc.isPresent() ? 1 : 0);
              }
            });
  }
}
