package org.detente.node.taxii;

/** The media types of TAXII 2.1 (section 1.6.8) and of the STIX 2.1 content it carries. */
public final class MediaTypes {
  /** Every TAXII 2.1 resource: discovery, API root, collections, envelopes, status, errors. */
  public static final String TAXII_21 = "application/taxii+json;version=2.1";

  /** STIX 2.1 objects; what a collection holds. */
  public static final String STIX_21 = "application/stix+json;version=2.1";

  /** The TAXII media type without a version: the latest version the server speaks. */
  public static final String TAXII = "application/taxii+json";

  private MediaTypes() {}
}
