package org.detente.pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.detente.pattern.Observations.atSecond;
import static org.detente.pattern.Observations.matches;
import static org.detente.pattern.Observations.matchesScos;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The example patterns of STIX 2.1 section 9 (examples section and the operator and qualifier
 * tables), each evaluated against observations written for it: one that matches and one that
 * differs in the detail the example is about.
 */
class SpecExamplesEvaluationTest {
  static final String SHA = "aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f";

  @Test
  void fileHash() {
    String p = "[file:hashes.'SHA-256' = '" + SHA + "']";
    assertThat(matchesScos(p, "{'type':'file','id':'file--1','hashes':{'SHA-256':'" + SHA + "'}}"))
        .isTrue();
    assertThat(
            matchesScos(
                p,
                "{'type':'file','id':'file--1','hashes':{'SHA-256':'" + SHA.toUpperCase() + "'}}"))
        .isFalse();
  }

  @Test
  void pcapArtifact_matchesRegexOverDecodedBytes() {
    String p =
        "[artifact:mime_type = 'application/vnd.tcpdump.pcap' AND artifact:payload_bin MATCHES"
            + " '\\\\xd4\\\\xc3\\\\xb2\\\\xa1\\\\x02\\\\x00\\\\x04\\\\x00']";
    String pcap =
        "{'type':'artifact','id':'artifact--1','mime_type':'application/vnd.tcpdump.pcap',"
            + "'payload_bin':'1MOyoQIABACquw=='}";
    String text =
        "{'type':'artifact','id':'artifact--1','mime_type':'application/vnd.tcpdump.pcap',"
            + "'payload_bin':'aGVsbG8='}";
    assertThat(matchesScos(p, pcap)).isTrue();
    assertThat(matchesScos(p, text)).isFalse();
  }

  @Test
  void fileInDirectory_followsParentDirectoryRef() {
    String p =
        "[file:name = 'foo.dll' AND file:parent_directory_ref.path = 'C:\\\\Windows\\\\System32']";
    String file =
        "{'type':'file','id':'file--1','name':'foo.dll','parent_directory_ref':'directory--1'}";
    String sys = "{'type':'directory','id':'directory--1','path':'C:\\\\Windows\\\\System32'}";
    String tmp = "{'type':'directory','id':'directory--1','path':'C:\\\\Temp'}";
    assertThat(matchesScos(p, file, sys)).isTrue();
    assertThat(matchesScos(p, file, tmp)).isFalse();
  }

  @Test
  void peSectionEntropy_anySection() {
    String p = "[file:extensions.'windows-pebinary-ext'.sections[*].entropy > 7.0]";
    String high =
        "{'type':'file','id':'file--1','extensions':{'windows-pebinary-ext':{'pe_type':'exe',"
            + "'sections':[{'name':'.text','entropy':6.1},{'name':'.rsrc','entropy':7.4}]}}}";
    assertThat(matchesScos(p, high)).isTrue();
    assertThat(matchesScos(p, high.replace("7.4", "7.0"))).isFalse();
  }

  @Test
  void createdFileByNameOrSize() {
    String p =
        "[(file:name = 'pdf.exe' OR file:size = 371712) AND file:created = t'2014-01-13T07:03:17Z']";
    String bySize =
        "{'type':'file','id':'file--1','name':'x.exe','size':371712,'ctime':'x',"
            + "'created':'2014-01-13T07:03:17.000Z'}";
    assertThat(matchesScos(p, bySize)).isTrue();
    assertThat(matchesScos(p, bySize.replace("07:03:17.000Z", "07:03:18Z"))).isFalse();
  }

  @Test
  void directoryLike() {
    String p = "[directory:path LIKE 'C:\\\\Windows\\\\%\\\\foo']";
    String yes = "{'type':'directory','id':'directory--1','path':'C:\\\\Windows\\\\a\\\\b\\\\foo'}";
    String no = "{'type':'directory','id':'directory--1','path':'C:\\\\Windows\\\\foo'}";
    assertThat(matchesScos(p, yes)).isTrue();
    assertThat(matchesScos(p, no)).isFalse();
  }

  @Test
  void destinationInIpv6Network() {
    String p =
        "[network-traffic:dst_ref.value ISSUBSET '2001:0db8:dead:beef:0000:0000:0000:0000/64']";
    String nt =
        "{'type':'network-traffic','id':'network-traffic--1','dst_ref':'ipv6-addr--1','protocols':['tcp']}";
    String in = "{'type':'ipv6-addr','id':'ipv6-addr--1','value':'2001:db8:dead:beef::42'}";
    String out = "{'type':'ipv6-addr','id':'ipv6-addr--1','value':'2001:db8:dead:bef0::42'}";
    assertThat(matchesScos(p, nt, in)).isTrue();
    assertThat(matchesScos(p, nt, out)).isFalse();
  }

  @Test
  void registryValueName() {
    String p = "[windows-registry-key:values[*].name = 'Foo']";
    String key =
        "{'type':'windows-registry-key','id':'windows-registry-key--1','key':'HKEY_LOCAL_MACHINE\\\\x',"
            + "'values':[{'name':'Bar'},{'name':'Foo','data':'1'}]}";
    assertThat(matchesScos(p, key)).isTrue();
    assertThat(matchesScos(p, key.replace("'Foo'", "'foo'"))).isFalse();
  }

  @Test
  void threeUserAccounts_needThreeObservations() {
    String p =
        "[user-account:account_type = 'unix' AND user-account:user_id = '1007' AND"
            + " user-account:account_login = 'Peter'] AND [user-account:account_type = 'unix' AND"
            + " user-account:user_id = '1008' AND user-account:account_login = 'Paul'] AND"
            + " [user-account:account_type = 'unix' AND user-account:user_id = '1009' AND"
            + " user-account:account_login = 'Mary']";
    Observation peter = atSecond("p", 0, account("1007", "Peter"));
    Observation paul = atSecond("q", 1, account("1008", "Paul"));
    Observation mary = atSecond("r", 2, account("1009", "Mary"));
    Observation maryWrongId = atSecond("s", 2, account("1010", "Mary"));
    assertThat(matches(p, peter, paul, mary)).isTrue();
    assertThat(matches(p, peter, paul, maryWrongId)).isFalse();
  }

  @Test
  void groupedAndOrProcess() {
    String p =
        "([file:name = 'foo.dll'] AND [windows-registry-key:key = 'HKEY_LOCAL_MACHINE\\\\foo\\\\bar'])"
            + " OR [process:name = 'fooproc' OR process:name = 'procfoo']";
    String dll = "{'type':'file','id':'file--1','name':'foo.dll'}";
    String key =
        "{'type':'windows-registry-key','id':'windows-registry-key--1','key':'HKEY_LOCAL_MACHINE\\\\foo\\\\bar'}";
    String proc = "{'type':'process','id':'process--1','name':'procfoo'}";
    assertThat(matches(p, atSecond("a", 0, dll), atSecond("b", 9, key))).isTrue();
    assertThat(matches(p, atSecond("a", 0, dll))).isFalse();
    assertThat(matches(p, atSecond("c", 0, proc))).isTrue();
  }

  @Test
  void domainRepeatsFiveTimesWithin180Seconds() {
    String p =
        "[network-traffic:dst_ref.type = 'domain-name' AND network-traffic:dst_ref.value ="
            + " 'example.com'] REPEATS 5 TIMES WITHIN 180 SECONDS";
    List<Observation> fast = new ArrayList<>();
    List<Observation> slow = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      fast.add(atSecond("f" + i, i * 45, traffic(), domain()));
      slow.add(atSecond("s" + i, i * 46, traffic(), domain()));
    }
    assertThat(PatternEvaluator.evaluate(StixPatterns.parse(p), fast).observationIds()).hasSize(5);
    assertThat(PatternEvaluator.evaluate(StixPatterns.parse(p), slow).matched()).isFalse();
  }

  @Test
  void addressesFollowedByDomainWithin600Seconds() {
    String p =
        "([ipv4-addr:value = '198.51.100.1/32' OR ipv4-addr:value = '203.0.113.33/32' OR"
            + " ipv6-addr:value = '2001:0db8:dead:beef:dead:beef:dead:0001/128'] FOLLOWEDBY"
            + " [domain-name:value = 'example.com']) WITHIN 600 SECONDS";
    String ip = "{'type':'ipv4-addr','id':'ipv4-addr--1','value':'203.0.113.33/32'}";
    assertThat(matches(p, atSecond("a", 0, ip), atSecond("b", 600, domain()))).isTrue();
    assertThat(matches(p, atSecond("a", 0, ip), atSecond("b", 601, domain()))).isFalse();
    // '=' compares strings: the bare address is not the text '203.0.113.33/32'.
    String bare = "{'type':'ipv4-addr','id':'ipv4-addr--1','value':'203.0.113.33'}";
    assertThat(matches(p, atSecond("a", 0, bare), atSecond("b", 1, domain()))).isFalse();
  }

  static String account(String id, String login) {
    return "{'type':'user-account','id':'user-account--"
        + id
        + "','account_type':'unix','user_id':'"
        + id
        + "','account_login':'"
        + login
        + "'}";
  }

  static String traffic() {
    return "{'type':'network-traffic','id':'network-traffic--1','dst_ref':'domain-name--1','protocols':['tcp']}";
  }

  static String domain() {
    return "{'type':'domain-name','id':'domain-name--1','value':'example.com'}";
  }
}
