/**
 * Exchange with other TAXII 2.1 servers: {@link org.detente.node.sync.TaxiiClient}, which
 * federation uses to pull from partners' collections (paged walks resumable from a {@code
 * date_added} checkpoint, {@link org.detente.node.sync.TaxiiPages#checkpoint()}) and to push to
 * their inbox collections (add with status polling).
 *
 * <p>Choices where TAXII 2.1 leaves room, on the client side:
 *
 * <ul>
 *   <li>After a page with {@code more} and no {@code next} (manifest and versions never have one),
 *       the next request uses {@code added_after} set to the page's {@code
 *       X-TAXII-Date-Added-Last}, as the specification allows.
 *   <li>{@code match[version]} is sent on every delete, because servers differ on its default
 *       there; on queries it is left out when it is the default, {@code last}.
 *   <li>A response with a media type other than {@code application/taxii+json} (with no version
 *       parameter or version 2.1) is refused, as is a body over the client's limit.
 *   <li>Unknown properties in resources are ignored, as TAXII requires of clients.
 * </ul>
 */
package org.detente.node.sync;
