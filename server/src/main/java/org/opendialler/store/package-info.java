/**
 * Storage: the connection pool, the versioned schema (Flyway migrations under
 * {@code db/migration}, plus {@code db/postgresql} or {@code db/h2} for what only one database
 * can express) and the jOOQ DSL that every query goes through, on embedded H2 by default or
 * PostgreSQL. This package is the only one that touches JDBC configuration.
 */
package org.opendialler.store;
