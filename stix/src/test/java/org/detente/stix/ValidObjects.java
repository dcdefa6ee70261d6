package org.detente.stix;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One valid object of every STIX 2.1 type (42), rich enough that each invalid case of {@link
 * StixValidatorRulesTest} is one mutation away; references point at objects of the right type.
 */
final class ValidObjects {
  private ValidObjects() {}

  static final String EXTENSION_DEFINITION_ID =
      "extension-definition--6513270e-269e-4d37-b2a7-4de452e6b438";

  /** JSON text of one valid object per type, by type. */
  static final Map<String, String> BY_TYPE = new LinkedHashMap<>();

  static {
    BY_TYPE.put(
        "attack-pattern",
        """
        {
          "type": "attack-pattern",
          "spec_version": "2.1",
          "id": "attack-pattern--d23f0824-128b-4f33-8c5c-7fd0a6a3a450",
          "created": "2016-04-06T20:03:00.000Z",
          "modified": "2016-04-07T20:03:00.000Z",
          "name": "Spear Phishing",
          "description": "A phishing attack",
          "aliases": [
            "phish"
          ],
          "kill_chain_phases": [
            {
              "kill_chain_name": "lockheed-martin-cyber-kill-chain",
              "phase_name": "delivery"
            }
          ],
          "external_references": [
            {
              "source_name": "capec",
              "external_id": "CAPEC-163"
            }
          ]
        }
        """);
    BY_TYPE.put(
        "campaign",
        """
        {
          "type": "campaign",
          "spec_version": "2.1",
          "id": "campaign--36f675cc-81e7-4ef5-a8e2-5d940ed90475",
          "created": "2016-04-06T20:03:00.000Z",
          "modified": "2016-04-07T20:03:00.000Z",
          "created_by_ref": "identity--9531985d-5d9d-49f8-9818-e811892f902b",
          "name": "Green Group Attacks",
          "description": "Campaign against finance",
          "aliases": [
            "GG"
          ],
          "first_seen": "2016-01-01T00:00:00Z",
          "last_seen": "2016-03-01T00:00:00Z",
          "objective": "Steal money",
          "labels": [
            "finance",
            "apt"
          ],
          "confidence": 50,
          "lang": "en",
          "object_marking_refs": [
            "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da"
          ],
          "granular_markings": [
            {
              "marking_ref": "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82",
              "selectors": [
                "description",
                "labels.[1]"
              ]
            }
          ],
          "external_references": [
            {
              "source_name": "acme",
              "url": "https://example.com/report.pdf",
              "hashes": {
                "SHA-256": "fe90a7e910cb3a4739bed9180e807e93fa70c90f25a8915476f5e4bfbac681db"
              }
            }
          ]
        }
        """);
    BY_TYPE.put(
        "course-of-action",
        """
        {
          "type": "course-of-action",
          "spec_version": "2.1",
          "id": "course-of-action--6b0d549b-6f03-475a-9600-a35a099950d8",
          "created": "2016-04-06T20:03:00.000Z",
          "modified": "2016-04-07T20:03:00.000Z",
          "name": "Block traffic",
          "description": "Add a firewall rule"
        }
        """);
    BY_TYPE.put(
        "grouping",
        """
        {
          "type": "grouping",
          "spec_version": "2.1",
          "id": "grouping--a170b338-3926-4059-b28c-105d1fb17c23",
          "created": "2016-04-06T20:03:00.000Z",
          "modified": "2016-04-07T20:03:00.000Z",
          "name": "Black Vine",
          "context": "suspicious-activity",
          "object_refs": [
            "indicator--8d116ece-1738-47d9-bd9c-172411e20b8f",
            "campaign--36f675cc-81e7-4ef5-a8e2-5d940ed90475",
            "file--90c192cf-d3ac-44af-8f21-ddb66cad4a26"
          ]
        }
        """);
    BY_TYPE.put(
        "identity",
        """
        {
          "type": "identity",
          "spec_version": "2.1",
          "id": "identity--9531985d-5d9d-49f8-9818-e811892f902b",
          "created": "2016-04-06T20:03:00.000Z",
          "modified": "2016-04-07T20:03:00.000Z",
          "name": "ACME Corp",
          "identity_class": "organization",
          "sectors": [
            "technology"
          ],
          "roles": [
            "CISO"
          ],
          "contact_information": "soc@example.com"
        }
        """);
    BY_TYPE.put(
        "incident",
        """
        {
          "type": "incident",
          "spec_version": "2.1",
          "id": "incident--0fd630f1-f29d-4da9-953f-48f1a09f76b5",
          "created": "2016-04-06T20:03:00.000Z",
          "modified": "2016-04-07T20:03:00.000Z",
          "name": "Incident 43",
          "description": "An incident"
        }
        """);
    BY_TYPE.put(
        "indicator",
        """
        {
          "type": "indicator",
          "spec_version": "2.1",
          "id": "indicator--8d116ece-1738-47d9-bd9c-172411e20b8f",
          "created": "2016-04-06T20:03:00.000Z",
          "modified": "2016-04-07T20:03:00.000Z",
          "name": "Poison Ivy file",
          "indicator_types": [
            "malicious-activity"
          ],
          "pattern": "[file:hashes.'SHA-256' = 'fe90a7e910cb3a4739bed9180e807e93fa70c90f25a8915476f5e4bfbac681db']",
          "pattern_type": "stix",
          "pattern_version": "2.1",
          "valid_from": "2016-01-01T00:00:00Z",
          "valid_until": "2017-01-01T00:00:00Z",
          "kill_chain_phases": [
            {
              "kill_chain_name": "lockheed-martin-cyber-kill-chain",
              "phase_name": "installation"
            }
          ]
        }
        """);
    BY_TYPE.put(
        "infrastructure",
        """
        {
          "type": "infrastructure",
          "spec_version": "2.1",
          "id": "infrastructure--0cb1e29c-658c-4a14-95e6-0af593bd04cf",
          "created": "2016-04-06T20:03:00.000Z",
          "modified": "2016-04-07T20:03:00.000Z",
          "name": "Poison Ivy C2",
          "infrastructure_types": [
            "command-and-control"
          ],
          "first_seen": "2016-01-01T00:00:00Z",
          "last_seen": "2016-02-01T00:00:00Z"
        }
        """);
    BY_TYPE.put(
        "intrusion-set",
        """
        {
          "type": "intrusion-set",
          "spec_version": "2.1",
          "id": "intrusion-set--8e81973e-0bec-47b0-b898-d190f9ebdacc",
          "created": "2016-04-06T20:03:00.000Z",
          "modified": "2016-04-07T20:03:00.000Z",
          "name": "Bobcat Breakin",
          "goals": [
            "acquisition-theft"
          ],
          "resource_level": "team",
          "primary_motivation": "organizational-gain",
          "secondary_motivations": [
            "personal-gain",
            "notoriety"
          ],
          "first_seen": "2015-01-01T00:00:00Z",
          "last_seen": "2016-01-01T00:00:00Z"
        }
        """);
    BY_TYPE.put(
        "location",
        """
        {
          "type": "location",
          "spec_version": "2.1",
          "id": "location--6b4cb242-4a23-4596-a217-beaddbc496cb",
          "created": "2016-04-06T20:03:00.000Z",
          "modified": "2016-04-07T20:03:00.000Z",
          "name": "Paris",
          "latitude": 48.8566,
          "longitude": 2.3522,
          "precision": 1000.0,
          "region": "western-europe",
          "country": "fr"
        }
        """);
    BY_TYPE.put(
        "malware",
        """
        {
          "type": "malware",
          "spec_version": "2.1",
          "id": "malware--ae97ba94-d0ed-482f-8f6d-05584ef8aa38",
          "created": "2016-04-06T20:03:00.000Z",
          "modified": "2016-04-07T20:03:00.000Z",
          "name": "Poison Ivy",
          "is_family": true,
          "malware_types": [
            "remote-access-trojan"
          ],
          "sample_refs": [
            "file--90c192cf-d3ac-44af-8f21-ddb66cad4a26"
          ],
          "operating_system_refs": [
            "software--92276658-1e27-41c0-8a6a-63ec24ede6a4"
          ],
          "first_seen": "2015-01-01T00:00:00Z",
          "last_seen": "2016-01-01T00:00:00Z",
          "architecture_execution_envs": [
            "x86"
          ],
          "implementation_languages": [
            "c"
          ],
          "capabilities": [
            "communicates-with-c2"
          ]
        }
        """);
    BY_TYPE.put(
        "malware-analysis",
        """
        {
          "type": "malware-analysis",
          "spec_version": "2.1",
          "id": "malware-analysis--18f135d2-5f55-4203-b018-50c5a38fd547",
          "created": "2016-04-06T20:03:00.000Z",
          "modified": "2016-04-07T20:03:00.000Z",
          "product": "microsoft",
          "result": "malicious",
          "analysis_sco_refs": [
            "file--90c192cf-d3ac-44af-8f21-ddb66cad4a26",
            "domain-name--923a7369-94e3-4f91-9a61-dbe22e44158b"
          ],
          "sample_ref": "file--90c192cf-d3ac-44af-8f21-ddb66cad4a26",
          "host_vm_ref": "software--92276658-1e27-41c0-8a6a-63ec24ede6a4",
          "submitted": "2016-01-01T00:00:00Z",
          "analysis_started": "2016-01-01T00:01:00Z",
          "analysis_ended": "2016-01-01T00:02:00Z",
          "modules": [
            "pe"
          ]
        }
        """);
    BY_TYPE.put(
        "note",
        """
        {
          "type": "note",
          "spec_version": "2.1",
          "id": "note--907a70c3-1012-4037-b64c-e4228c38fb29",
          "created": "2016-04-06T20:03:00.000Z",
          "modified": "2016-04-07T20:03:00.000Z",
          "abstract": "Tracking note",
          "content": "Scanned the hosts",
          "authors": [
            "John Doe"
          ],
          "object_refs": [
            "campaign--36f675cc-81e7-4ef5-a8e2-5d940ed90475"
          ]
        }
        """);
    BY_TYPE.put(
        "observed-data",
        """
        {
          "type": "observed-data",
          "spec_version": "2.1",
          "id": "observed-data--ec66a787-95e7-41d1-b731-af10506bf2ef",
          "created": "2016-04-06T20:03:00.000Z",
          "modified": "2016-04-07T20:03:00.000Z",
          "first_observed": "2015-12-21T19:00:00Z",
          "last_observed": "2015-12-21T19:00:00Z",
          "number_observed": 50,
          "object_refs": [
            "ipv4-addr--7f150524-34b9-45df-9e77-69b10f4205b4",
            "domain-name--923a7369-94e3-4f91-9a61-dbe22e44158b",
            "relationship--c6f87718-6d76-407e-881e-d162ae2eb154"
          ]
        }
        """);
    BY_TYPE.put(
        "opinion",
        """
        {
          "type": "opinion",
          "spec_version": "2.1",
          "id": "opinion--3f98e277-4cbd-47ad-9c90-a9587403e430",
          "created": "2016-04-06T20:03:00.000Z",
          "modified": "2016-04-07T20:03:00.000Z",
          "opinion": "agree",
          "explanation": "Seen it too",
          "authors": [
            "Jane"
          ],
          "object_refs": [
            "relationship--c6f87718-6d76-407e-881e-d162ae2eb154"
          ]
        }
        """);
    BY_TYPE.put(
        "report",
        """
        {
          "type": "report",
          "spec_version": "2.1",
          "id": "report--c7a2ea20-b2f1-4c94-ae05-319acb5c7427",
          "created": "2016-04-06T20:03:00.000Z",
          "modified": "2016-04-07T20:03:00.000Z",
          "name": "The Black Vine Group",
          "published": "2016-01-20T17:00:00.000Z",
          "report_types": [
            "campaign"
          ],
          "object_refs": [
            "indicator--8d116ece-1738-47d9-bd9c-172411e20b8f",
            "campaign--36f675cc-81e7-4ef5-a8e2-5d940ed90475",
            "relationship--c6f87718-6d76-407e-881e-d162ae2eb154"
          ]
        }
        """);
    BY_TYPE.put(
        "threat-actor",
        """
        {
          "type": "threat-actor",
          "spec_version": "2.1",
          "id": "threat-actor--4cdd2055-930d-4eaf-94f4-733f3e7d1bfb",
          "created": "2016-04-06T20:03:00.000Z",
          "modified": "2016-04-07T20:03:00.000Z",
          "name": "Evil Org",
          "threat_actor_types": [
            "crime-syndicate"
          ],
          "roles": [
            "director"
          ],
          "sophistication": "advanced",
          "first_seen": "2015-01-01T00:00:00Z",
          "last_seen": "2016-01-01T00:00:00Z",
          "personal_motivations": [
            "personal-gain"
          ]
        }
        """);
    BY_TYPE.put(
        "tool",
        """
        {
          "type": "tool",
          "spec_version": "2.1",
          "id": "tool--57ee05cd-e009-42c7-bebf-f20686734721",
          "created": "2016-04-06T20:03:00.000Z",
          "modified": "2016-04-07T20:03:00.000Z",
          "name": "VNC",
          "tool_types": [
            "remote-access"
          ],
          "tool_version": "4.1"
        }
        """);
    BY_TYPE.put(
        "vulnerability",
        """
        {
          "type": "vulnerability",
          "spec_version": "2.1",
          "id": "vulnerability--9be4bcfc-49b6-4a08-b2e6-cc3ababced20",
          "created": "2016-04-06T20:03:00.000Z",
          "modified": "2016-04-07T20:03:00.000Z",
          "name": "CVE-2016-1234",
          "external_references": [
            {
              "source_name": "cve",
              "external_id": "CVE-2016-1234"
            }
          ]
        }
        """);
    BY_TYPE.put(
        "relationship",
        """
        {
          "type": "relationship",
          "spec_version": "2.1",
          "id": "relationship--c6f87718-6d76-407e-881e-d162ae2eb154",
          "created": "2016-04-06T20:03:00.000Z",
          "modified": "2016-04-07T20:03:00.000Z",
          "relationship_type": "indicates",
          "source_ref": "indicator--8d116ece-1738-47d9-bd9c-172411e20b8f",
          "target_ref": "malware--ae97ba94-d0ed-482f-8f6d-05584ef8aa38",
          "start_time": "2016-01-01T00:00:00Z",
          "stop_time": "2016-02-01T00:00:00Z"
        }
        """);
    BY_TYPE.put(
        "sighting",
        """
        {
          "type": "sighting",
          "spec_version": "2.1",
          "id": "sighting--830e07bc-1e39-4f10-92bd-4acefaecbd38",
          "created": "2016-04-06T20:03:00.000Z",
          "modified": "2016-04-07T20:03:00.000Z",
          "sighting_of_ref": "indicator--8d116ece-1738-47d9-bd9c-172411e20b8f",
          "count": 5,
          "first_seen": "2016-01-01T00:00:00Z",
          "last_seen": "2016-01-02T00:00:00Z",
          "observed_data_refs": [
            "observed-data--ec66a787-95e7-41d1-b731-af10506bf2ef"
          ],
          "where_sighted_refs": [
            "identity--9531985d-5d9d-49f8-9818-e811892f902b",
            "location--6b4cb242-4a23-4596-a217-beaddbc496cb"
          ],
          "summary": false
        }
        """);
    BY_TYPE.put(
        "artifact",
        """
        {
          "type": "artifact",
          "spec_version": "2.1",
          "id": "artifact--5790f82e-c1d3-4cff-aa3a-f4d46b0a18e8",
          "mime_type": "application/zip",
          "payload_bin": "aGVsbG8gd29ybGQ=",
          "hashes": {
            "SHA-256": "fe90a7e910cb3a4739bed9180e807e93fa70c90f25a8915476f5e4bfbac681db"
          },
          "encryption_algorithm": "mime-type-indicated",
          "decryption_key": "infected"
        }
        """);
    BY_TYPE.put(
        "autonomous-system",
        """
        {
          "type": "autonomous-system",
          "spec_version": "2.1",
          "id": "autonomous-system--6bf46c69-7d2c-4f82-aeea-cbe226e87555",
          "number": 15139,
          "name": "Slime Industries",
          "rir": "ARIN"
        }
        """);
    BY_TYPE.put(
        "directory",
        """
        {
          "type": "directory",
          "spec_version": "2.1",
          "id": "directory--13deef86-ab10-41d0-b646-e1f40a097c97",
          "path": "C:\\\\Windows\\\\System32",
          "path_enc": "windows-1252",
          "ctime": "2016-01-01T00:00:00Z",
          "contains_refs": [
            "file--90c192cf-d3ac-44af-8f21-ddb66cad4a26"
          ]
        }
        """);
    BY_TYPE.put(
        "domain-name",
        """
        {
          "type": "domain-name",
          "spec_version": "2.1",
          "id": "domain-name--923a7369-94e3-4f91-9a61-dbe22e44158b",
          "value": "example.com",
          "resolves_to_refs": [
            "ipv4-addr--7f150524-34b9-45df-9e77-69b10f4205b4"
          ]
        }
        """);
    BY_TYPE.put(
        "email-addr",
        """
        {
          "type": "email-addr",
          "spec_version": "2.1",
          "id": "email-addr--57124242-5051-41cc-917f-9acae01f5057",
          "value": "john@example.com",
          "display_name": "John Doe",
          "belongs_to_ref": "user-account--ca02135e-92b1-43f2-8ede-0d7ac3baea9e"
        }
        """);
    BY_TYPE.put(
        "email-message",
        """
        {
          "type": "email-message",
          "spec_version": "2.1",
          "id": "email-message--119a72d1-74c9-4f6a-8c01-1cdd9474031b",
          "is_multipart": true,
          "date": "2016-06-19T14:20:40.000Z",
          "from_ref": "email-addr--57124242-5051-41cc-917f-9acae01f5057",
          "to_refs": [
            "email-addr--7f26144b-9828-4fcd-99a5-4a7bb1fee08f"
          ],
          "subject": "Check out this picture",
          "content_type": "multipart/mixed",
          "additional_header_fields": {
            "Reply-To": [
              "steve@example.com"
            ]
          },
          "body_multipart": [
            {
              "content_type": "text/plain; charset=utf-8",
              "body": "Cats are funny!"
            },
            {
              "content_type": "image/png",
              "body_raw_ref": "artifact--5790f82e-c1d3-4cff-aa3a-f4d46b0a18e8"
            }
          ]
        }
        """);
    BY_TYPE.put(
        "file",
        """
        {
          "type": "file",
          "spec_version": "2.1",
          "id": "file--90c192cf-d3ac-44af-8f21-ddb66cad4a26",
          "hashes": {
            "MD5": "3773a88f65a5e780c8dff9cdc3a056f3",
            "SHA-256": "fe90a7e910cb3a4739bed9180e807e93fa70c90f25a8915476f5e4bfbac681db"
          },
          "size": 25536,
          "name": "foo.zip",
          "name_enc": "windows-1252",
          "magic_number_hex": "504b0304",
          "mime_type": "application/zip",
          "parent_directory_ref": "directory--13deef86-ab10-41d0-b646-e1f40a097c97",
          "extensions": {
            "archive-ext": {
              "contains_refs": [
                "file--451abd81-f1d6-4ed6-97f5-e837d70820fe"
              ],
              "comment": "zip"
            },
            "ntfs-ext": {
              "sid": "1234567",
              "alternate_data_streams": [
                {
                  "name": "second.stream",
                  "size": 25536
                }
              ]
            },
            "pdf-ext": {
              "version": "1.7",
              "document_info_dict": {
                "Title": "Sample"
              },
              "pdfid0": "DFCE52",
              "pdfid1": "57A1E0"
            },
            "raster-image-ext": {
              "image_height": 768,
              "exif_tags": {
                "Make": "Nikon",
                "XResolution": 4928
              }
            },
            "windows-pebinary-ext": {
              "pe_type": "exe",
              "machine_hex": "014c",
              "number_of_sections": 4,
              "time_date_stamp": "2016-01-22T12:31:12Z",
              "optional_header": {
                "magic_hex": "010b",
                "size_of_code": 512
              },
              "sections": [
                {
                  "name": "CODE",
                  "entropy": 0.061089
                }
              ]
            }
          }
        }
        """);
    BY_TYPE.put(
        "ipv4-addr",
        """
        {
          "type": "ipv4-addr",
          "spec_version": "2.1",
          "id": "ipv4-addr--7f150524-34b9-45df-9e77-69b10f4205b4",
          "value": "198.51.100.3",
          "resolves_to_refs": [
            "mac-addr--10a3d6b2-aa05-411a-b271-5945795e8229"
          ],
          "belongs_to_refs": [
            "autonomous-system--6bf46c69-7d2c-4f82-aeea-cbe226e87555"
          ]
        }
        """);
    BY_TYPE.put(
        "ipv6-addr",
        """
        {
          "type": "ipv6-addr",
          "spec_version": "2.1",
          "id": "ipv6-addr--4f426dcb-b394-4b36-bb2d-420f0f88080b",
          "value": "2001:0db8:85a3:0000:0000:8a2e:0370:7334",
          "belongs_to_refs": [
            "autonomous-system--6bf46c69-7d2c-4f82-aeea-cbe226e87555"
          ]
        }
        """);
    BY_TYPE.put(
        "mac-addr",
        """
        {
          "type": "mac-addr",
          "spec_version": "2.1",
          "id": "mac-addr--10a3d6b2-aa05-411a-b271-5945795e8229",
          "value": "d2:fb:49:24:37:18"
        }
        """);
    BY_TYPE.put(
        "mutex",
        """
        {
          "type": "mutex",
          "spec_version": "2.1",
          "id": "mutex--ae658f33-fe3b-490b-93f4-48b3a5aa3c81",
          "name": "__CLEANSWEEP__"
        }
        """);
    BY_TYPE.put(
        "network-traffic",
        """
        {
          "type": "network-traffic",
          "spec_version": "2.1",
          "id": "network-traffic--b774eb52-48db-40af-b215-8370d269a9a5",
          "start": "2016-01-01T00:00:00Z",
          "end": "2016-01-01T00:05:00Z",
          "src_ref": "ipv4-addr--7f150524-34b9-45df-9e77-69b10f4205b4",
          "dst_ref": "ipv6-addr--4f426dcb-b394-4b36-bb2d-420f0f88080b",
          "src_port": 24678,
          "dst_port": 80,
          "protocols": [
            "ipv4",
            "tcp",
            "http"
          ],
          "src_byte_count": 147600,
          "src_packets": 100,
          "ipfix": {
            "minimumIpTotalLength": 32,
            "flowName": "x"
          },
          "extensions": {
            "http-request-ext": {
              "request_method": "get",
              "request_value": "/download.html",
              "request_version": "http/1.1",
              "request_header": {
                "Host": [
                  "www.example.com"
                ]
              }
            },
            "tcp-ext": {
              "src_flags_hex": "00000002"
            },
            "icmp-ext": {
              "icmp_type_hex": "08",
              "icmp_code_hex": "00"
            },
            "socket-ext": {
              "address_family": "AF_INET",
              "socket_type": "SOCK_STREAM",
              "is_listening": true,
              "options": {
                "SO_ACCEPTCONN": 1
              },
              "socket_descriptor": 3
            }
          }
        }
        """);
    BY_TYPE.put(
        "process",
        """
        {
          "type": "process",
          "spec_version": "2.1",
          "id": "process--7e62aa0a-1df9-4d78-9c65-39382b0537e6",
          "pid": 1221,
          "created_time": "2016-01-20T14:11:25.55Z",
          "command_line": "./gedit-bin --new-window",
          "environment_variables": {
            "PATH": "/usr/bin"
          },
          "image_ref": "file--90c192cf-d3ac-44af-8f21-ddb66cad4a26",
          "parent_ref": "process--58d5563d-ab2c-431e-a315-128862c33a4f",
          "child_refs": [
            "process--5affb229-7631-4992-b0ce-583505c6af07"
          ],
          "extensions": {
            "windows-process-ext": {
              "aslr_enabled": true,
              "priority": "HIGH_PRIORITY_CLASS",
              "integrity_level": "high"
            },
            "windows-service-ext": {
              "service_name": "sirvizio",
              "start_type": "SERVICE_AUTO_START",
              "service_type": "SERVICE_WIN32_OWN_PROCESS",
              "service_status": "SERVICE_RUNNING",
              "service_dll_refs": [
                "file--90c192cf-d3ac-44af-8f21-ddb66cad4a26"
              ]
            }
          }
        }
        """);
    BY_TYPE.put(
        "software",
        """
        {
          "type": "software",
          "spec_version": "2.1",
          "id": "software--92276658-1e27-41c0-8a6a-63ec24ede6a4",
          "name": "Word",
          "cpe": "cpe:2.3:a:microsoft:word:2000:*:*:*:*:*:*:*",
          "languages": [
            "en",
            "zh-Hant"
          ],
          "vendor": "Microsoft",
          "version": "2002"
        }
        """);
    BY_TYPE.put(
        "url",
        """
        {
          "type": "url",
          "spec_version": "2.1",
          "id": "url--49952399-c4aa-4ac1-b7dc-76fb0f17a300",
          "value": "https://example.com/research/index.html"
        }
        """);
    BY_TYPE.put(
        "user-account",
        """
        {
          "type": "user-account",
          "spec_version": "2.1",
          "id": "user-account--ca02135e-92b1-43f2-8ede-0d7ac3baea9e",
          "user_id": "1001",
          "account_login": "jdoe",
          "account_type": "unix",
          "is_privileged": false,
          "account_created": "2016-01-20T12:31:12Z",
          "extensions": {
            "unix-account-ext": {
              "gid": 1001,
              "groups": [
                "wheel"
              ],
              "home_dir": "/home/jdoe",
              "shell": "/bin/bash"
            }
          }
        }
        """);
    BY_TYPE.put(
        "windows-registry-key",
        """
        {
          "type": "windows-registry-key",
          "spec_version": "2.1",
          "id": "windows-registry-key--65dc9f50-3f63-4f83-bd05-61e6211c70cf",
          "key": "HKEY_LOCAL_MACHINE\\\\System\\\\Foo\\\\Bar",
          "values": [
            {
              "name": "Foo",
              "data": "qwerty",
              "data_type": "REG_SZ"
            }
          ],
          "modified_time": "2016-01-01T00:00:00Z",
          "number_of_subkeys": 2,
          "creator_user_ref": "user-account--ca02135e-92b1-43f2-8ede-0d7ac3baea9e"
        }
        """);
    BY_TYPE.put(
        "x509-certificate",
        """
        {
          "type": "x509-certificate",
          "spec_version": "2.1",
          "id": "x509-certificate--7f1b103c-df15-42b0-aab4-77d26415479c",
          "issuer": "C=ZA, O=Thawte Consulting cc",
          "serial_number": "36:f7:d4:32:f4:ab:70:ea",
          "validity_not_before": "2016-03-12T12:00:00Z",
          "validity_not_after": "2016-08-21T12:00:00Z",
          "subject": "C=US, CN=www.freesoft.org",
          "hashes": {
            "SHA-256": "fe90a7e910cb3a4739bed9180e807e93fa70c90f25a8915476f5e4bfbac681db"
          },
          "x509_v3_extensions": {
            "basic_constraints": "critical,CA:TRUE, pathlen:0",
            "private_key_usage_period_not_before": "2016-03-12T12:00:00Z"
          }
        }
        """);
    BY_TYPE.put(
        "marking-definition",
        """
        {
          "type": "marking-definition",
          "spec_version": "2.1",
          "id": "marking-definition--66d22876-72fd-4202-aa96-fb1a14a0f9e7",
          "created": "2016-04-06T20:03:00.000Z",
          "name": "Copyright",
          "definition_type": "statement",
          "definition": {
            "statement": "Copyright 2019, Example Corp"
          },
          "created_by_ref": "identity--9531985d-5d9d-49f8-9818-e811892f902b"
        }
        """);
    BY_TYPE.put(
        "language-content",
        """
        {
          "type": "language-content",
          "spec_version": "2.1",
          "id": "language-content--230d977e-e225-4159-8720-771f8ca81811",
          "created": "2016-04-06T20:03:00.000Z",
          "modified": "2016-04-07T20:03:00.000Z",
          "object_ref": "campaign--36f675cc-81e7-4ef5-a8e2-5d940ed90475",
          "object_modified": "2016-04-07T20:03:00.000Z",
          "contents": {
            "de": {
              "name": "Bank Angriff",
              "aliases": [
                "GG"
              ]
            },
            "fr": {
              "name": "Attaque Bank"
            }
          }
        }
        """);
    BY_TYPE.put(
        "extension-definition",
        """
        {
          "type": "extension-definition",
          "spec_version": "2.1",
          "id": "extension-definition--6513270e-269e-4d37-b2a7-4de452e6b438",
          "created": "2016-04-06T20:03:00.000Z",
          "modified": "2016-04-07T20:03:00.000Z",
          "created_by_ref": "identity--9531985d-5d9d-49f8-9818-e811892f902b",
          "name": "Rank",
          "description": "Adds rank",
          "schema": "https://example.com/schema.json",
          "version": "1.0.0",
          "extension_types": [
            "property-extension",
            "toplevel-property-extension"
          ],
          "extension_properties": [
            "x_acme_rank"
          ]
        }
        """);
  }

  /** JSON text of the valid object of {@code type}. */
  static String of(String type) {
    String json = BY_TYPE.get(type);
    if (json == null) {
      throw new IllegalArgumentException("no valid example of " + type);
    }
    return json;
  }
}
