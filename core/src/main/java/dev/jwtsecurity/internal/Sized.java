package dev.jwtsecurity.internal;

/**
 * A store that knows how many entries it holds without a round trip: the in-memory stores, whose
 * sizes the front door offers as gauges. Not API.
 */
public interface Sized {

  /**
   * Returns the number of entries held now.
   *
   * @return the count
   */
  int size();
}
