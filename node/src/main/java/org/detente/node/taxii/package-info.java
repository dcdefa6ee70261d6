/**
 * The resources of TAXII 2.1 as records, with their exact JSON names: {@link
 * org.detente.node.taxii.Discovery}, {@link org.detente.node.taxii.ApiRoot}, {@link
 * org.detente.node.taxii.Status}, {@link org.detente.node.taxii.Collections}, {@link
 * org.detente.node.taxii.Collection}, {@link org.detente.node.taxii.Envelope}, {@link
 * org.detente.node.taxii.Manifest}, {@link org.detente.node.taxii.Versions} and {@link
 * org.detente.node.taxii.TaxiiError}. Shared by the server ({@code http}) and the client ({@code
 * sync}); no HTTP here.
 */
package org.detente.node.taxii;
