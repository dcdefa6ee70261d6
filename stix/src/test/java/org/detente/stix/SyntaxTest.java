package org.detente.stix;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SyntaxTest {

  @ParameterizedTest
  @CsvSource({
    "indicator--0c7b5b88-8ff7-4a4d-aa9d-feb398cd0061, indicator",
    "x-acme-widget--0C7B5B88-8FF7-4A4D-AA9D-FEB398CD0061, x-acme-widget",
    "ipv4-addr--28bb3599-77cd-5a82-a950-b5bc3caf07c4, ipv4-addr",
    "abc---0c7b5b88-8ff7-1a4d-9a9d-feb398cd0061, abc-"
  })
  void identifierType_wellFormedIdentifier_returnsType(String id, String type) {
    assertThat(Syntax.identifierType(id)).isEqualTo(type);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "indicator",
        "indicator--",
        "indicator-0c7b5b88-8ff7-4a4d-aa9d-feb398cd0061",
        "ab--0c7b5b88-8ff7-4a4d-aa9d-feb398cd0061",
        "Indicator--0c7b5b88-8ff7-4a4d-aa9d-feb398cd0061",
        "a--b--0c7b5b88-8ff7-4a4d-aa9d-feb398cd0061",
        "indicator--0c7b5b88-8ff7-6a4d-aa9d-feb398cd0061",
        "indicator--0c7b5b88-8ff7-4a4d-7a9d-feb398cd0061",
        "indicator--0c7b5b888ff7-4a4d-aa9d-feb398cd0061-",
        "indicator--0c7b5b88-8ff7-4a4d-aa9d-feb398cd006g",
        "indicator--00000000-0000-0000-0000-000000000000"
      })
  void identifierType_malformedIdentifier_returnsNull(String id) {
    assertThat(Syntax.identifierType(id)).isNull();
  }

  @ParameterizedTest
  @CsvSource({
    "en, true",
    "de-CH-1901, true",
    "zh-Hant-TW, true",
    "zh-yue-HK, true",
    "es-419, true",
    "sr-Latn-RS, true",
    "en-a-bbb-x-a-ccc, true",
    "x-private, true",
    "i-klingon, true",
    "en-GB-oed, true",
    "english, true",
    "en_US, false",
    "'', false",
    "e, false",
    "en-, false",
    "-en, false",
    "en-a, false",
    "en-x, false",
    "123, false",
    "en-toolongsubtag, false"
  })
  void isLanguageTag_followsRfc5646(String tag, boolean valid) {
    assertThat(Syntax.isLanguageTag(tag)).isEqualTo(valid);
  }

  @ParameterizedTest
  @CsvSource({
    "2001:0db8:85a3:0000:0000:8a2e:0370:7334, true",
    "2001:db8::/32, true",
    "::, true",
    "::1, true",
    "fe80::, true",
    "::ffff:192.0.2.128, true",
    "1:2:3:4:5:6:7::, true",
    "1:2:3:4:5:6:1.2.3.4, true",
    "2001:db8::/129, false",
    "1::2::3, false",
    ":::1, false",
    "1:2:3:4:5:6:7:8:9, false",
    "12345::, false",
    "::1.2.3, false",
    "g::, false",
    "1:2:3:4:5:6:7:8::, false"
  })
  void isIpv6Cidr_followsRfc4291(String address, boolean valid) {
    assertThat(Syntax.isIpv6Cidr(address)).isEqualTo(valid);
  }

  @ParameterizedTest
  @CsvSource({
    "198.51.100.3, true",
    "198.51.100.0/24, true",
    "0.0.0.0/0, true",
    "255.255.255.255/32, true",
    "256.1.1.1, false",
    "1.2.3, false",
    "1.2.3.4.5, false",
    "1.2.3.4/33, false",
    "1.2.3.4/, false",
    "1..2.3, false",
    "a.b.c.d, false"
  })
  void isIpv4Cidr_acceptsDottedQuadWithPrefix(String address, boolean valid) {
    assertThat(Syntax.isIpv4Cidr(address)).isEqualTo(valid);
  }

  @ParameterizedTest
  @CsvSource({
    "'', true",
    "aGVsbG8=, true",
    "aGVsbG8gd29ybGQ=, true",
    "YQ==, true",
    "aGVsbG8, false",
    "YQ=a, false",
    "Y===, false",
    "a b=, false"
  })
  void isBase64_followsRfc4648(String value, boolean valid) {
    assertThat(Syntax.isBase64(value)).isEqualTo(valid);
  }

  @ParameterizedTest
  @CsvSource({
    "MD5, 3773a88f65a5e780c8dff9cdc3a056f3, true",
    "MD5, 3773A88F65A5E780C8DFF9CDC3A056F3, true",
    "MD5, 3773a88f65a5e780c8dff9cdc3a056f, false",
    "SHA-1, 5374e08903744ceeaedd8f5e1bfc06b2c4688e76, true",
    "SHA-1, 5374e08903744ceeaedd8f5e1bfc06b2c4688e7g, false",
    "SSDEEP, 96:QHpVqKrE0FjJtzX1eJk6mWY:eVvXYJg6U, true",
    "SSDEEP, '3::', true",
    "SSDEEP, 'abc:def:ghi', false",
    "SSDEEP, '96:abc', false"
  })
  void isHashValue_matchesAlgorithmFormat(String algorithm, String value, boolean valid) {
    assertThat(Syntax.isHashValue(algorithm, value)).isEqualTo(valid);
  }

  @ParameterizedTest
  @CsvSource({
    "cpe:2.3:a:microsoft:word:2000:*:*:*:*:*:*:*, true",
    "cpe:2.3:o:linux:linux_kernel:5.4\\:rc1:*:*:*:*:*:*:*, true",
    "cpe:2.3:x:microsoft:word:2000:*:*:*:*:*:*:*, false",
    "cpe:2.3:a:microsoft:word:2000:*:*:*:*:*:*, false",
    "cpe:/a:microsoft:word:2000, false"
  })
  void isCpe23_countsThirteenComponents(String cpe, boolean valid) {
    assertThat(Syntax.isCpe23(cpe)).isEqualTo(valid);
  }

  @ParameterizedTest
  @CsvSource({
    "x_acme_score, true",
    "abc, true",
    "ab, false",
    "_abc, false",
    "Abc, false",
    "a-bc, false",
    "abé, false"
  })
  void isPropertyName_followsSection11(String name, boolean valid) {
    assertThat(Syntax.isPropertyName(name)).isEqualTo(valid);
  }

  @ParameterizedTest
  @CsvSource({
    "x-acme-widget, true",
    "abc, true",
    "ab, false",
    "x--acme, false",
    "-acme, false",
    "1acme, false",
    "x_acme, false",
    "X-acme, false"
  })
  void isTypeName_followsSection11(String name, boolean valid) {
    assertThat(Syntax.isTypeName(name)).isEqualTo(valid);
  }

  @ParameterizedTest
  @CsvSource({
    "example.com, true",
    "пример.рф, true",
    "_dmarc.example.com, true",
    "example.com., true",
    "a..b, false",
    "-a.com, false",
    "a-.com, false",
    "a b.com, false",
    "'', false"
  })
  void isDomainName_checksLabels(String name, boolean valid) {
    assertThat(Syntax.isDomainName(name)).isEqualTo(valid);
  }
}
