/**
 * The HTTP server: Javalin on Jetty, serving every script at the root and under the API prefix,
 * plus {@code /health} and {@code /metrics}. This package is the only one that touches HTTP.
 */
package org.opendialler.server;
