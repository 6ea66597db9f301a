/**
 * The loopback load harness: an embedded Jetty 12 (ee10) server on 127.0.0.1 serving the same
 * endpoint with and without the authentication filter, driven by {@code wrk} from {@code
 * scripts/bench.sh}. Not API, not deployed.
 */
package dev.jwtsecurity.benchmarks.e2e;
