/** STIX 2.1 objects: parsing, serialisation, identifiers, validation and markings. */
package org.detente.stix;
