/**
 * In-process benchmark of the servlet adapter's filter, with hand-written request and response
 * objects. Not API.
 */
package dev.jwtsecurity.benchmarks.servlet;
