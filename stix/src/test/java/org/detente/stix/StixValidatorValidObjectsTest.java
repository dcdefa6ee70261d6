package org.detente.stix;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class StixValidatorValidObjectsTest {
  private final StixValidator validator = StixValidator.standard();

  static Stream<String> types() {
    return ValidObjects.BY_TYPE.keySet().stream();
  }

  @Test
  void examples_coverEveryTypeOfTheSpecification() {
    assertThat(ValidObjects.BY_TYPE.keySet())
        .hasSize(42)
        .containsExactlyInAnyOrderElementsOf(StixSchemas.types());
    assertThat(StixSchemas.types())
        .containsAll(StixKind.SDO_TYPES)
        .containsAll(StixKind.SRO_TYPES)
        .containsAll(StixKind.SCO_TYPES)
        .containsAll(StixKind.META_TYPES);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("types")
  void validate_validObjectOfEachType_hasNoErrors(String type) {
    assertThat(validator.validate(JsonEdits.parse(ValidObjects.of(type)))).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("types")
  void validate_stixObjectOfEachType_hasNoErrors(String type) {
    assertThat(validator.validate(StixObject.parse(ValidObjects.of(type)))).isEmpty();
  }
}
