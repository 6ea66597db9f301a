package dev.jwtsecurity.redis;

import dev.jwtsecurity.StoreUnavailableException;
import dev.jwtsecurity.refresh.RefreshTokenFamily;
import dev.jwtsecurity.refresh.RefreshTokenRecord;
import dev.jwtsecurity.refresh.RefreshTokenStore;
import dev.jwtsecurity.refresh.RevocationReason;
import dev.jwtsecurity.refresh.RotationResult;
import dev.jwtsecurity.refresh.StoredRefreshToken;
import io.lettuce.core.KeyValue;
import io.lettuce.core.SetArgs;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link RefreshTokenStore} on Redis: one hash per family holding the family and all its tokens,
 * one script per transition (create, rotate, revoke, purge), so every transition is atomic on every
 * instance (see {@link Keys} for the layout).
 *
 * <p>Rotation: the successor's lookup pointer is claimed first ({@code SET NX}: lookup ids are
 * unique across families), then one script checks, in the family hash, that the token exists, the
 * family is not revoked and the token is not spent, and only then spends it and stores the
 * successor. A loser deletes the pointer it claimed; a pointer left behind by a crash points to a
 * token its family does not hold, which reads as unknown.
 */
final class RedisRefreshTokenStore implements RefreshTokenStore {

  static final String NAME = "refresh-token store";

  /** Families revoked per script call by {@link #revokeAllForUser}. */
  private static final int REVOKE_BATCH = 256;

  private final Redis redis;
  private final Keys keys;

  RedisRefreshTokenStore(Redis redis, Keys keys) {
    this.redis = redis;
    this.keys = keys;
  }

  @Override
  public void create(RefreshTokenFamily family, RefreshTokenRecord first) {
    Objects.requireNonNull(family, "family");
    Objects.requireNonNull(first, "first");
    if (!first.familyId().equals(family.familyId())) {
      throw new IllegalArgumentException("the first token must belong to the new family");
    }
    String u = Text.escape(family.userId());
    String f = Text.escape(family.familyId());
    String l = Text.escape(first.lookupId());
    long absoluteMs = Text.ceilMillis(family.expiresAt());
    long absoluteTtl = Math.max(1, Text.millisUntil(family.createdAt(), family.expiresAt()));
    Instant lastUse =
        first.expiresAt().isBefore(family.expiresAt()) ? first.expiresAt() : family.expiresAt();
    long familyTtl = Math.max(1, Text.millisUntil(family.createdAt(), lastUse));

    // The two pointers first: they make family and lookup ids unique across every user, and a
    // reader that finds a pointer without its family treats the id as unknown.
    if (!claim(keys.familyOwner(f), u, absoluteTtl)) {
      throw new IllegalArgumentException("family id already exists");
    }
    List<String> claimed = new ArrayList<>(List.of(keys.familyOwner(f)));
    try {
      if (!claim(keys.lookup(l), u + ":" + f + ":" + absoluteMs, absoluteTtl)) {
        throw new IllegalArgumentException("lookup id already exists");
      }
      claimed.add(keys.lookup(l));
      long created =
          redis.evalLong(
              NAME,
              Script.REFRESH_CREATE,
              new String[] {keys.family(u, f), keys.families(u)},
              u,
              Text.instant(family.createdAt()),
              Text.instant(family.expiresAt()),
              Text.instant(first.expiresAt()),
              "t:" + l,
              tokenValue(first),
              f,
              Long.toString(absoluteMs),
              Long.toString(family.createdAt().toEpochMilli()),
              Long.toString(familyTtl),
              Long.toString(absoluteTtl));
      if (created != 1) {
        throw new IllegalArgumentException("family already exists");
      }
    } catch (IllegalArgumentException e) {
      release(claimed, e);
      throw e;
    }
    // On StoreUnavailableException the pointers stay: the script may have run before the answer
    // was lost. Either way no token was handed out, and a pointer without its family reads as
    // unknown until it expires.
  }

  @Override
  public Optional<StoredRefreshToken> findByLookupId(String lookupId) {
    Objects.requireNonNull(lookupId, "lookupId");
    String l = Text.escape(lookupId);
    String pointer = redis.call(NAME, c -> c.get(keys.lookup(l)));
    if (pointer == null) {
      return Optional.empty();
    }
    String[] p = Redis.decode(NAME, "lookup pointer", RedisRefreshTokenStore::pointer, pointer);
    List<KeyValue<String, String>> v =
        redis.call(NAME, c -> c.hmget(keys.family(p[0], p[1]), "u", "c", "x", "r", "rr", "t:" + l));
    String user = value(v, 0);
    String token = value(v, 5);
    if (user == null || token == null) {
      return Optional.empty(); // purged, or a pointer left behind by an interrupted write
    }
    return Optional.of(
        Redis.decode(
            NAME, "refresh-token family", ignored -> snapshot(lookupId, p[1], v, token), token));
  }

  private static StoredRefreshToken snapshot(
      String lookupId, String f, List<KeyValue<String, String>> v, String token) {
    String familyId = Text.unescape(f);
    RefreshTokenFamily family =
        new RefreshTokenFamily(
            familyId,
            Text.unescape(value(v, 0)),
            Text.instant(value(v, 1)),
            Text.instant(value(v, 2)));
    String[] t = token.split(":", -1);
    if (t.length != 3 && t.length != 5) {
      throw new IllegalArgumentException("token field");
    }
    RefreshTokenRecord record =
        new RefreshTokenRecord(
            lookupId, familyId, Text.unescape(t[0]), Text.instant(t[1]), Text.instant(t[2]));
    String revokedAt = value(v, 3);
    String reason = value(v, 4);
    return new StoredRefreshToken(
        record,
        family,
        t.length == 5 ? Text.instant(t[3]) : null,
        t.length == 5 ? Text.unescape(t[4]) : null,
        revokedAt == null ? null : Text.instant(revokedAt),
        reason == null ? null : RevocationReason.valueOf(reason));
  }

  @Override
  public RotationResult rotate(String lookupId, RefreshTokenRecord successor, Instant now) {
    Objects.requireNonNull(lookupId, "lookupId");
    Objects.requireNonNull(successor, "successor");
    Objects.requireNonNull(now, "now");
    String l = Text.escape(lookupId);
    String pointer = redis.call(NAME, c -> c.get(keys.lookup(l)));
    if (pointer == null) {
      return RotationResult.notFound();
    }
    String[] p = Redis.decode(NAME, "lookup pointer", RedisRefreshTokenStore::pointer, pointer);
    if (!Text.unescape(p[1]).equals(successor.familyId())) {
      throw new IllegalArgumentException("the successor must belong to the token's family");
    }
    String s = Text.escape(successor.lookupId());
    long absoluteMs = Long.parseLong(p[2]);
    long pointerTtl = Math.max(1_000, absoluteMs - now.toEpochMilli());
    String successorPointer = keys.lookup(s);
    if (!claim(successorPointer, pointer, pointerTtl)) {
      throw new IllegalArgumentException("successor lookup id already exists");
    }
    // No clean-up when this call fails: the script may have run before the answer was lost, and
    // then the pointer is the successor's. A pointer without its token reads as unknown.
    List<Object> r =
        redis.eval(
            NAME,
            Script.REFRESH_ROTATE,
            new String[] {keys.family(p[0], p[1])},
            "t:" + l,
            "t:" + s,
            tokenValue(successor),
            Text.instant(now),
            s,
            Long.toString(now.toEpochMilli()),
            Text.instant(successor.expiresAt()));
    String outcome = (String) r.get(0);
    if (outcome.equals("ROTATED")) {
      return RotationResult.rotated();
    }
    release(List.of(successorPointer), null);
    return switch (outcome) {
      case "SPENT" ->
          Redis.decode(
              NAME,
              "refresh token",
              ignored ->
                  RotationResult.alreadySpent(
                      Text.instant((String) r.get(1)), Text.unescape((String) r.get(2))),
              outcome);
      case "REVOKED" -> RotationResult.revoked();
      case "NOT_FOUND" -> RotationResult.notFound();
      case "TAKEN" -> throw new IllegalArgumentException("successor lookup id already exists");
      default -> throw new StoreUnavailableException(NAME + ": unexpected script answer", null);
    };
  }

  @Override
  public boolean revokeFamily(String familyId, RevocationReason reason, Instant now) {
    Objects.requireNonNull(familyId, "familyId");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(now, "now");
    String f = Text.escape(familyId);
    String u = redis.call(NAME, c -> c.get(keys.familyOwner(f)));
    if (u == null) {
      return false;
    }
    return redis.evalLong(
            NAME,
            Script.REFRESH_REVOKE,
            new String[] {keys.family(u, f)},
            Text.instant(now),
            reason.name())
        == 1;
  }

  @Override
  public int revokeAllForUser(String userId, RevocationReason reason, Instant now) {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(now, "now");
    String u = Text.escape(userId);
    List<String> families = redis.call(NAME, c -> c.zrange(keys.families(u), 0, -1));
    int revoked = 0;
    for (int from = 0; from < families.size(); from += REVOKE_BATCH) {
      List<String> batch = families.subList(from, Math.min(families.size(), from + REVOKE_BATCH));
      String[] familyKeys = batch.stream().map(f -> keys.family(u, f)).toArray(String[]::new);
      revoked +=
          (int)
              redis.evalLong(
                  NAME, Script.REFRESH_REVOKE, familyKeys, Text.instant(now), reason.name());
    }
    return revoked;
  }

  /**
   * Deletes families that can no longer be used at {@code now} by the caller's clock. Redis already
   * expires every family by itself (its TTL is set to the same instant): this catches up when the
   * application's clock runs ahead of the TTLs, at the cost of a {@code SCAN} over the families.
   */
  @Override
  public int purgeExpired(Instant now) {
    Objects.requireNonNull(now, "now");
    int[] purged = {0};
    redis.scan(
        NAME,
        keys.familyPattern(),
        batch -> {
          for (String key : batch) {
            String[] uf = keys.parseFamily(key);
            if (uf != null && purgeIfDead(key, uf[0], uf[1], now)) {
              purged[0]++;
            }
          }
        });
    return purged[0];
  }

  private boolean purgeIfDead(String key, String u, String f, Instant now) {
    List<KeyValue<String, String>> v = redis.call(NAME, c -> c.hmget(key, "x", "te"));
    String absolute = value(v, 0);
    String tokensExpire = value(v, 1);
    if (absolute == null || tokensExpire == null) {
      return false;
    }
    boolean dead =
        Redis.decode(
            NAME,
            "refresh-token family",
            ignored ->
                !now.isBefore(Text.instant(absolute)) || !now.isBefore(Text.instant(tokensExpire)),
            absolute);
    if (!dead) {
      return false;
    }
    List<Object> r =
        redis.eval(
            NAME, Script.REFRESH_PURGE, new String[] {key, keys.families(u)}, tokensExpire, f);
    if (!Long.valueOf(1).equals(r.get(0))) {
      return false; // rotated meanwhile: alive again
    }
    List<String> pointers = new ArrayList<>();
    pointers.add(keys.familyOwner(f));
    for (Object field : r.subList(1, r.size())) {
      String name = (String) field;
      if (name.startsWith("t:")) {
        pointers.add(keys.lookup(name.substring(2)));
      }
    }
    redis.call(NAME, c -> c.del(pointers.toArray(String[]::new)));
    return true;
  }

  /** {@code SET key value NX PX ttl}: whether this call created the key. */
  private boolean claim(String key, String value, long ttlMillis) {
    return "OK"
        .equals(redis.call(NAME, c -> c.set(key, value, SetArgs.Builder.nx().px(ttlMillis))));
  }

  /** Deletes pointers this call claimed; a failure is recorded on {@code failure}, not thrown. */
  private void release(List<String> claimed, RuntimeException failure) {
    try {
      redis.call(NAME, c -> c.del(claimed.toArray(String[]::new)));
    } catch (StoreUnavailableException e) {
      // Left behind, the pointers expire with the family they would have pointed to and read as
      // unknown meanwhile.
      if (failure != null) {
        failure.addSuppressed(e);
      }
    }
  }

  /** The stored form of a token: its immutable facts; spending appends spent-at and successor. */
  private static String tokenValue(RefreshTokenRecord t) {
    return Text.escape(t.secretHash())
        + ":"
        + Text.instant(t.issuedAt())
        + ":"
        + Text.instant(t.expiresAt());
  }

  /** Parses a lookup pointer {@code u:f:absolute-expiry-ms}. */
  private static String[] pointer(String raw) {
    String[] p = raw.split(":", -1);
    if (p.length != 3 || p[0].isEmpty() || p[1].isEmpty()) {
      throw new IllegalArgumentException("pointer");
    }
    Long.parseLong(p[2]);
    return p;
  }

  private static String value(List<KeyValue<String, String>> values, int index) {
    return values.get(index).getValueOrElse(null);
  }
}
