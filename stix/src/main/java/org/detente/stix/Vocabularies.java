package org.detente.stix;

import java.util.Set;

/**
 * The closed enumerations of specification section 10, and the hash-algorithm-ov vocabulary whose
 * terms section 2.5 and the hashes properties require as dictionary keys. Open vocabularies are not
 * listed: any string is a valid value for them.
 */
final class Vocabularies {
  private Vocabularies() {}

  static final Set<String> ENCRYPTION_ALGORITHM =
      Set.of("AES-256-GCM", "ChaCha20-Poly1305", "mime-type-indicated");

  static final Set<String> EXTENSION_TYPE =
      Set.of("new-sdo", "new-sco", "new-sro", "property-extension", "toplevel-property-extension");

  static final Set<String> HASH_ALGORITHM =
      Set.of("MD5", "SHA-1", "SHA-256", "SHA-512", "SHA3-256", "SHA3-512", "SSDEEP", "TLSH");

  static final Set<String> SOCKET_ADDRESS_FAMILY =
      Set.of(
          "AF_UNSPEC",
          "AF_INET",
          "AF_IPX",
          "AF_APPLETALK",
          "AF_NETBIOS",
          "AF_INET6",
          "AF_IRDA",
          "AF_BTH");

  static final Set<String> SOCKET_TYPE =
      Set.of("SOCK_STREAM", "SOCK_DGRAM", "SOCK_RAW", "SOCK_RDM", "SOCK_SEQPACKET");

  static final Set<String> OPINION =
      Set.of("strongly-disagree", "disagree", "neutral", "agree", "strongly-agree");

  static final Set<String> WINDOWS_INTEGRITY_LEVEL = Set.of("low", "medium", "high", "system");

  static final Set<String> WINDOWS_REGISTRY_DATATYPE =
      Set.of(
          "REG_NONE",
          "REG_SZ",
          "REG_EXPAND_SZ",
          "REG_BINARY",
          "REG_DWORD",
          "REG_DWORD_BIG_ENDIAN",
          "REG_DWORD_LITTLE_ENDIAN",
          "REG_LINK",
          "REG_MULTI_SZ",
          "REG_RESOURCE_LIST",
          "REG_FULL_RESOURCE_DESCRIPTION",
          "REG_RESOURCE_REQUIREMENTS_LIST",
          "REG_QWORD",
          "REG_INVALID_TYPE");

  static final Set<String> WINDOWS_SERVICE_START_TYPE =
      Set.of(
          "SERVICE_AUTO_START",
          "SERVICE_BOOT_START",
          "SERVICE_DEMAND_START",
          "SERVICE_DISABLED",
          "SERVICE_SYSTEM_ALERT");

  static final Set<String> WINDOWS_SERVICE_TYPE =
      Set.of(
          "SERVICE_KERNEL_DRIVER",
          "SERVICE_FILE_SYSTEM_DRIVER",
          "SERVICE_WIN32_OWN_PROCESS",
          "SERVICE_WIN32_SHARE_PROCESS");

  static final Set<String> WINDOWS_SERVICE_STATUS =
      Set.of(
          "SERVICE_CONTINUE_PENDING",
          "SERVICE_PAUSE_PENDING",
          "SERVICE_PAUSED",
          "SERVICE_RUNNING",
          "SERVICE_START_PENDING",
          "SERVICE_STOP_PENDING",
          "SERVICE_STOPPED");

  /** Property names reserved across all STIX objects (section 3.8). */
  static final Set<String> RESERVED_PROPERTIES =
      Set.of("severity", "username", "phone_number", "action");

  /** Abbreviated registry hive names that section 6.17 forbids in favour of the full name. */
  static final Set<String> ABBREVIATED_HIVES =
      Set.of("HKLM", "HKCU", "HKCR", "HKU", "HKCC", "HKPD");
}
