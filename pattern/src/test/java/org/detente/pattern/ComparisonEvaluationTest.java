package org.detente.pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.detente.pattern.Observations.matchesScos;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Comparison semantics, STIX 2.1 sections 9.3 (object paths, constants) and 9.4 (operators). */
class ComparisonEvaluationTest {
  static final String FILE =
      "{'type':'file','id':'file--1','name':'Report.exe','size':25536,"
          + "'hashes':{'SHA-256':'aec0','MD5':'79054025255fb1a26e4bc422aef54eb4'},"
          + "'ctime':'2020-06-01T10:00:00.000Z','magic_number_hex':'FFD8',"
          + "'x_flags':[true,false],'x_list':['alpha','beta','gamma']}";
  static final String ARTIFACT =
      "{'type':'artifact','id':'artifact--1','payload_bin':'aGVsbG8=','mime_type':'text/plain'}";
  static final String CERT =
      "{'type':'x509-certificate','id':'x509-certificate--1','is_self_signed':true,"
          + "'version':'3'}";

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # 9.4 '=' and '!=' on strings: exact, case-sensitive, no normalisation
          [file:name = 'Report.exe']                         | true
          [file:name = 'report.exe']                         | false
          [file:name != 'report.exe']                        | true
          [file:name NOT = 'Report.exe']                     | false
          # quoted dictionary keys (9.3.2)
          [file:hashes.'SHA-256' = 'aec0']                   | true
          [file:hashes.MD5 = '79054025255fb1a26e4bc422aef54eb4'] | true
          # ordering on strings is by code point
          [file:name > 'Report.ex']                          | true
          [file:name < 'Report.exe']                         | false
          [file:name <= 'Report.exe']                        | true
          [file:name >= 'S']                                 | false
          # numbers compare numerically, integer against float
          [file:size = 25536]                                | true
          [file:size = 25536.0]                              | true
          [file:size > 25535.5]                              | true
          [file:size < 1000]                                 | false
          [file:size >= 25536]                               | true
          [file:size != 1]                                   | true
          # type mismatch is false, negated or not
          [file:size = '25536']                              | false
          [file:size NOT = '25536']                          | false
          [file:name > 5]                                    | false
          [file:name NOT > 5]                                | false
          # a missing property is false, negated or not
          [file:x_missing = 'a']                             | false
          [file:x_missing NOT = 'a']                         | false
          [file:x_missing != 'a']                            | false
          # booleans
          [x509-certificate:is_self_signed = true]           | true
          [x509-certificate:is_self_signed = false]          | false
          [x509-certificate:is_self_signed != false]         | true
          [x509-certificate:version = true]                  | false
          # timestamps compare as instants against timestamp strings
          [file:ctime = t'2020-06-01T10:00:00Z']             | true
          [file:ctime > t'2020-01-01T00:00:00Z']             | true
          [file:ctime < t'2020-06-01T10:00:00.001Z']         | true
          [file:ctime = '2020-06-01T10:00:00Z']              | false
          [file:name = t'2020-06-01T10:00:00Z']              | false
          # binary constants against base64 (_bin) and hex (_hex) properties
          [artifact:payload_bin = b'aGVsbG8=']               | true
          [artifact:payload_bin = h'68656c6c6f']             | true
          [artifact:payload_bin = h'68656c6c6e']             | false
          [artifact:payload_bin > h'68656c6c6e']             | true
          [file:magic_number_hex = h'ffd8']                  | true
          [file:magic_number_hex = b'/9g=']                  | true
          [artifact:mime_type = h'74657874']                 | false
          # IN is membership, with the typed equality of '='
          [file:name IN ('a.exe', 'Report.exe')]             | true
          [file:name IN ('a.exe', 'b.exe')]                  | false
          [file:name NOT IN ('a.exe', 'b.exe')]              | true
          [file:size IN (1, 25536.0)]                        | true
          [file:size IN ('25536')]                           | false
          [file:size NOT IN ('25536')]                       | false
          # LIKE: % any run, _ one character, whole string
          [file:name LIKE 'Report%']                         | true
          [file:name LIKE '%.exe']                           | true
          [file:name LIKE 'Rep_rt.exe']                      | true
          [file:name LIKE 'Rep_.exe']                        | false
          [file:name LIKE 'Report']                          | false
          [file:name LIKE '%port%']                          | true
          [file:name NOT LIKE '%.dll']                       | true
          [file:size LIKE '%']                               | false
          # MATCHES: a regular expression found anywhere in the value
          [file:name MATCHES '^Rep.+\\\\.exe$']              | true
          [file:name MATCHES 'port']                         | true
          [file:name MATCHES '^port']                        | false
          [file:name NOT MATCHES '\\\\.dll$']                | true
          [file:name MATCHES '(unclosed']                    | false
          [file:name NOT MATCHES '(unclosed']                | false
          # lists: [*] is any element, [n] one element, a negative index none
          [file:x_list[*] = 'beta']                          | true
          [file:x_list[1] = 'beta']                          | true
          [file:x_list[0] = 'beta']                          | false
          [file:x_list[7] = 'beta']                          | false
          [file:x_list[-1] = 'gamma']                        | false
          [file:x_list[*] NOT = 'alpha']                     | true
          [file:x_flags[*] = false]                          | true
          [file:x_list = 'alpha']                            | false
          # EXISTS
          [EXISTS file:hashes.MD5]                           | true
          [EXISTS file:hashes.'SHA-1']                       | false
          [EXISTS file:x_list[2]]                            | true
          # the object type selects the SCOs
          [directory:path = 'Report.exe']                    | false
          """)
  void evaluate_comparisonOnOneObservation(String pattern, boolean expected) {
    assertThat(matchesScos(pattern, FILE, ARTIFACT, CERT)).isEqualTo(expected);
  }

  @Test
  void evaluate_stringOrder_isByCodePointNotUtf16Unit() {
    // U+1F600 (a surrogate pair in UTF-16) is above U+FFFD by code point, below it by UTF-16 unit.
    String sco = "{'type':'file','id':'file--2','name':'\uD83D\uDE00'}";
    assertThat(matchesScos("[file:name > '\uFFFD']", sco)).isTrue();
    assertThat(matchesScos("[file:name < '\uFFFD']", sco)).isFalse();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          [ipv4-addr:value ISSUBSET '198.51.100.0/24']   | 198.51.100.7     | true
          [ipv4-addr:value ISSUBSET '198.51.100.0/24']   | 198.51.101.7     | false
          [ipv4-addr:value ISSUBSET '198.51.0.0/16']     | 198.51.100.0/24  | true
          [ipv4-addr:value ISSUBSET '198.51.100.0/25']   | 198.51.100.0/24  | false
          [ipv4-addr:value ISSUPERSET '198.51.100.9']    | 198.51.100.0/24  | true
          [ipv4-addr:value ISSUPERSET '198.51.0.0/16']   | 198.51.100.0/24  | false
          [ipv4-addr:value ISSUBSET '0.0.0.0/0']         | 203.0.113.1      | true
          [ipv4-addr:value ISSUBSET '10.0.0.7/8']        | 10.200.1.1       | true
          [ipv4-addr:value ISSUBSET '2001:db8::/32']     | 198.51.100.7     | false
          [ipv4-addr:value NOT ISSUBSET '2001:db8::/32'] | 198.51.100.7     | false
          [ipv4-addr:value NOT ISSUBSET '10.0.0.0/8']    | 198.51.100.7     | true
          [ipv4-addr:value ISSUBSET 'not-a-network']     | 198.51.100.7     | false
          [ipv4-addr:value ISSUBSET '198.51.100.0/24']   | 198.51.100.256   | false
          [ipv6-addr:value ISSUBSET '2001:db8::/32']     | 2001:db8:dead::1 | true
          [ipv6-addr:value ISSUBSET '2001:db9::/32']     | 2001:db8:dead::1 | false
          [ipv6-addr:value ISSUPERSET '::ffff:10.0.0.1'] | ::ffff:0:0/96    | true
          [ipv6-addr:value ISSUBSET '::/0']              | 1:2:3:4:5:6:7:8  | true
          """)
  void evaluate_cidrSubsetAndSuperset(String pattern, String address, boolean expected) {
    String type = address.contains(":") ? "ipv6-addr" : "ipv4-addr";
    String sco = "{'type':'" + type + "','id':'" + type + "--1','value':'" + address + "'}";
    assertThat(matchesScos(pattern, sco)).isEqualTo(expected);
  }

  @Test
  void evaluate_andInsideBrackets_holdsOnOneSco() {
    // 9.5: comparisons joined by AND in one observation expression apply to the same object.
    String small = "{'type':'file','id':'file--a','name':'a.exe','size':10}";
    String big = "{'type':'file','id':'file--b','name':'b.exe','size':9000}";
    assertThat(matchesScos("[file:name = 'a.exe' AND file:size > 1000]", small, big)).isFalse();
    assertThat(matchesScos("[file:name = 'b.exe' AND file:size > 1000]", small, big)).isTrue();
    assertThat(matchesScos("[file:name = 'a.exe' OR file:size > 1000]", small)).isTrue();
  }

  @Test
  void evaluate_orInsideBrackets_mayMixObjectTypes() {
    String ip = "{'type':'ipv4-addr','id':'ipv4-addr--1','value':'198.51.100.1'}";
    assertThat(matchesScos("[domain-name:value = 'x.org' OR ipv4-addr:value = '198.51.100.1']", ip))
        .isTrue();
    assertThat(matchesScos("[domain-name:value = 'x.org' OR ipv4-addr:value = '198.51.100.2']", ip))
        .isFalse();
  }

  @Test
  void evaluate_references_followRefAndRefsToObjectsOfTheObservation() {
    // 9.3.2: object paths follow *_ref and *_refs properties to the referenced SCOs.
    String mail =
        "{'type':'email-message','id':'email-message--1','is_multipart':true,"
            + "'from_ref':'email-addr--from','to_refs':['email-addr--a','email-addr--b'],"
            + "'body_multipart':[{'body_raw_ref':'file--att'}]}";
    String from = "{'type':'email-addr','id':'email-addr--from','value':'boss@example.com'}";
    String a = "{'type':'email-addr','id':'email-addr--a','value':'a@example.org'}";
    String b = "{'type':'email-addr','id':'email-addr--b','value':'b@example.org'}";
    String att = "{'type':'file','id':'file--att','name':'Final Report 2020.exe'}";
    String[] scos = {mail, from, a, b, att};

    assertThat(matchesScos("[email-message:from_ref.value = 'boss@example.com']", scos)).isTrue();
    assertThat(matchesScos("[email-message:to_refs[*].value = 'b@example.org']", scos)).isTrue();
    assertThat(matchesScos("[email-message:to_refs[0].value = 'b@example.org']", scos)).isFalse();
    assertThat(matchesScos("[email-message:from_ref = 'email-addr--from']", scos)).isTrue();
    // 9.9 example: a multipart mail from example.com with an executable attachment.
    assertThat(
            matchesScos(
                "[email-message:from_ref.value MATCHES '.+\\\\@example\\\\.com$' AND"
                    + " email-message:body_multipart[*].body_raw_ref.name MATCHES"
                    + " '^Final Report.+\\\\.exe$']",
                scos))
        .isTrue();
    // A reference to an object the observation does not hold resolves to nothing.
    assertThat(matchesScos("[email-message:from_ref.value = 'boss@example.com']", mail)).isFalse();
  }

  @Test
  void evaluate_nestedQuantifierRegex_finishesWithTheRightAnswer() {
    // '^(a+)+$' against a's ending in b backtracks exponentially in a naive engine; the JDK engine
    // handles it, and the answer is an ordinary no match (so NOT MATCHES holds).
    String sco = "{'type':'file','id':'file--r','name':'" + "a".repeat(40) + "b'}";
    assertThat(matchesScos("[file:name MATCHES '^(a+)+$']", sco)).isFalse();
    assertThat(matchesScos("[file:name NOT MATCHES '^(a+)+$']", sco)).isTrue();
    String fine = "{'type':'file','id':'file--r','name':'" + "a".repeat(40) + "'}";
    assertThat(matchesScos("[file:name MATCHES '^(a+)+$']", fine)).isTrue();
  }

  @Test
  void evaluate_catastrophicRegex_exceedsBudgetAndCountsAsNoMatch() {
    // '(.*a){12}b' is polynomial of degree 12 in the JDK engine (seconds on 28 characters, hours
    // on 200); the charAt budget stops it, and a stopped match is no match, negated or not.
    String sco = "{'type':'file','id':'file--r','name':'" + "a".repeat(200) + "c'}";
    assertThat(matchesScos("[file:name MATCHES '(.*a){12}b']", sco)).isFalse();
    assertThat(matchesScos("[file:name NOT MATCHES '(.*a){12}b']", sco)).isFalse();
    String fine = "{'type':'file','id':'file--r','name':'" + "a".repeat(12) + "b'}";
    assertThat(matchesScos("[file:name MATCHES '(.*a){12}b']", fine)).isTrue();
  }

  @Test
  void budgetedText_stopsAfterBudget() {
    ComparisonEvaluator.BudgetedText t = new ComparisonEvaluator.BudgetedText("abc", 2);
    assertThat(t.charAt(0)).isEqualTo('a');
    assertThat(t.charAt(1)).isEqualTo('b');
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> t.charAt(2))
        .isInstanceOf(ComparisonEvaluator.BudgetedText.Exhausted.class)
        .hasMessageContaining("2");
  }

  @ParameterizedTest(name = "{0} LIKE {1} -> {2}")
  @CsvSource({
    "'', '', true",
    "'', '%', true",
    "'', '_', false",
    "abc, a%c, true",
    "abc, a%%c, true",
    "abc, %b, false",
    "aXbXc, %X%X%, true",
    "aXbc, %X%X%, false",
    "\uD83D\uDE00, _, true",
  })
  void like_sqlWildcards(String value, String pattern, boolean expected) {
    assertThat(ComparisonEvaluator.like(value, pattern)).isEqualTo(expected);
  }
}
