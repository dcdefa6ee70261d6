/**
 * STIX 2.1 Patterning: {@link org.detente.pattern.StixPatterns#parse} turns pattern text into a
 * sealed syntax tree ({@link org.detente.pattern.PatternExpression}, {@link
 * org.detente.pattern.ComparisonExpression}, {@link org.detente.pattern.ObjectPath}, {@link
 * org.detente.pattern.Constant}); every node prints back as canonical pattern text. {@link
 * org.detente.pattern.PatternEvaluator} decides a pattern exactly against observed-data; {@link
 * org.detente.pattern.IndicatorMatcher} matches a stream of observations against many indicators at
 * once and agrees with the evaluator.
 */
package org.detente.pattern;
