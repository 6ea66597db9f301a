package dev.jwtsecurity.redis;

import dev.jwtsecurity.StoreUnavailableException;
import io.lettuce.core.RedisCommandInterruptedException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The one place the stores talk to Redis: runs commands on the shared, thread-safe connection and
 * turns every failure of the client (not connected, timed out, server error) into a {@link
 * StoreUnavailableException} that names the store, never a value.
 */
final class Redis {

  /** Keys per {@code SCAN} step and per purge batch. */
  static final int SCAN_COUNT = 500;

  private final RedisClusterCommands<String, String> commands;
  private volatile boolean closed;

  Redis(RedisClusterCommands<String, String> commands) {
    this.commands = commands;
  }

  /** Marks the connection closed: every later call fails with {@link StoreUnavailableException}. */
  void markClosed() {
    closed = true;
  }

  /** Runs {@code op}; any client failure becomes a {@link StoreUnavailableException}. */
  <T> T call(String store, Function<RedisClusterCommands<String, String>, T> op) {
    if (closed) {
      throw new StoreUnavailableException(store + ": the Redis stores are closed", null);
    }
    try {
      return op.apply(commands);
    } catch (RedisException e) {
      throw unavailable(store, e);
    } catch (IllegalStateException | RejectedExecutionException e) {
      // A call racing close() meets the client's stopped executors.
      if (e instanceof StoreUnavailableException || !closed) {
        throw e;
      }
      throw new StoreUnavailableException(store + ": the Redis stores are closed", e);
    }
  }

  /**
   * Runs a script with {@code EVALSHA}, loading it with {@code EVAL} when the server does not have
   * it (first use, or after a restart or failover emptied its script cache).
   */
  List<Object> eval(String store, Script script, String[] keys, String... args) {
    return call(
        store,
        c -> {
          try {
            return c.<List<Object>>evalsha(script.sha1, ScriptOutputType.MULTI, keys, args);
          } catch (RedisNoScriptException e) {
            return c.<List<Object>>eval(script.text, ScriptOutputType.MULTI, keys, args);
          }
        });
  }

  /** Like {@link #eval}, for a script that returns an integer. */
  long evalLong(String store, Script script, String[] keys, String... args) {
    return call(
        store,
        c -> {
          Long n;
          try {
            n = c.evalsha(script.sha1, ScriptOutputType.INTEGER, keys, args);
          } catch (RedisNoScriptException e) {
            n = c.eval(script.text, ScriptOutputType.INTEGER, keys, args);
          }
          return n;
        });
  }

  /** Deletes {@code key} if it still holds {@code raw}: a purge never deletes a fresh update. */
  boolean deleteIfUnchanged(String store, String key, String raw) {
    List<Object> r = eval(store, Script.COMPARE_AND_SET, new String[] {key}, "1", raw, "", "0");
    return Long.valueOf(1).equals(r.get(0));
  }

  /**
   * Walks every key matching {@code pattern} (on every master of a Cluster) and hands them over in
   * batches of at most {@link #SCAN_COUNT}. {@code SCAN} may return a key twice; callers are
   * idempotent.
   */
  void scan(String store, String pattern, Consumer<List<String>> batch) {
    call(
        store,
        c -> {
          ScanIterator<String> keys =
              ScanIterator.scan(c, ScanArgs.Builder.matches(pattern).limit(SCAN_COUNT));
          List<String> chunk = new ArrayList<>(SCAN_COUNT);
          while (keys.hasNext()) {
            chunk.add(keys.next());
            if (chunk.size() == SCAN_COUNT) {
              batch.accept(List.copyOf(chunk));
              chunk.clear();
            }
          }
          if (!chunk.isEmpty()) {
            batch.accept(List.copyOf(chunk));
          }
          return null;
        });
  }

  static StoreUnavailableException unavailable(String store, RedisException e) {
    if (e instanceof RedisCommandInterruptedException) {
      Thread.currentThread().interrupt();
    }
    return new StoreUnavailableException(
        store + ": Redis did not answer or refused the command (" + describe(e) + ")", e);
  }

  /**
   * The exception's class and, for a server error, its error code ({@code OOM}, {@code READONLY},
   * {@code NOAUTH}, {@code CROSSSLOT}, ...): enough to act on, never a key or value.
   */
  static String describe(RedisException e) {
    String kind = e.getClass().getSimpleName();
    String message = e.getMessage();
    if (message != null) {
      int end = 0;
      while (end < message.length() && end < 16 && Character.isUpperCase(message.charAt(end))) {
        end++;
      }
      boolean code = end >= 2 && (end == message.length() || message.charAt(end) == ' ');
      if (code) {
        return kind + " " + message.substring(0, end);
      }
    }
    return kind;
  }

  /** Reads a store entry; malformed data (written by something else) fails closed. */
  static <T> T decode(String store, String what, Function<String, T> parser, String raw) {
    try {
      return parser.apply(raw);
    } catch (RuntimeException e) {
      // No cause: a parser's message may quote the stored text.
      throw new StoreUnavailableException(
          store + ": unreadable " + what + " in Redis (written by something else?)", null);
    }
  }
}
