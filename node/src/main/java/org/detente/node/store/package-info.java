/**
 * The object store: {@link org.detente.node.store.Store}, opened with {@link
 * org.detente.node.store.Stores#open} on SQLite (embedded default, one file {@code detente.db}) or
 * PostgreSQL. Schemas are created and migrated by Flyway on open ({@code db/sqlite}, {@code
 * db/postgresql}).
 *
 * <p>Choices where TAXII 2.1 leaves room:
 *
 * <ul>
 *   <li>{@code date_added} is per collection, in microseconds, strictly increasing in commit order.
 *   <li>Objects without {@code modified} and {@code created} (SCOs) have one stored version; their
 *       manifest and outcomes report no version, and an exact-timestamp version match never selects
 *       them. A TAXII layer that must print a version for them can use their {@code date_added}.
 *   <li>Without {@code match[spec_version]}, a query returns, of the versions its version match
 *       selects for each object, those with the highest spec version ({@code 2.1} for objects
 *       without {@code spec_version}). Spec versions compare as text, which orders 2.0 and 2.1.
 *   <li>Deleting with an empty spec version list deletes versions of any spec version.
 *   <li>Same id and version with content that differs as a JSON value (including a timestamp
 *       written with another precision) is a conflict and rejected; member order does not matter.
 * </ul>
 *
 * <p>Observable index ({@link org.detente.node.store.Store#mentions}): values from SCOs ({@code
 * ipv4-addr}, {@code ipv6-addr}, {@code domain-name}, {@code url}, {@code email-addr} values and
 * {@code file} hashes) and from the comparisons of indicators with {@code pattern_type} {@code
 * stix}. Normal forms: IPv4 dotted decimal; IPv6 per RFC 5952 in hex; a CIDR block as network
 * address and prefix, with its first and last address kept as fixed-width hex to answer
 * containment; domain names in lower case without a trailing dot; e-mail addresses with the domain
 * in lower case; hashes in lower case when hexadecimal, with their algorithm; URLs as given.
 */
package org.detente.node.store;
