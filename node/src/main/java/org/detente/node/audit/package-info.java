/**
 * The audit record: what entered and left the node, hash-chained, verifiable by anybody holding the
 * entries, with signed chain heads that partners keep as receipts.
 *
 * <p>The entries live in the store's database ({@link org.detente.node.store.AuditStore}, {@link
 * org.detente.node.store.AuditEntry} defines the entry hash); the paths that move objects append
 * them: ingress in the same transaction as the objects ({@link
 * org.detente.node.store.Store.BulkAdd#audit}), egress before the objects are sent. This package
 * reads the record: {@link org.detente.node.audit.AuditLog} verifies the chain, signs heads ({@link
 * org.detente.node.audit.SignedHead}), keeps receipts, writes the export a partner reconciles
 * against and reconciles a partner's export with our entries ({@link
 * org.detente.node.audit.Reconciliation}). Keys are JDK Ed25519 keys handed in by the caller
 * ({@link org.detente.node.audit.KeyFiles} reads PEM files); partners are named by the party string
 * of their entries, and agreements by their version string, so that the partner registry and
 * federation can call this package without it knowing them.
 */
package org.detente.node.audit;
