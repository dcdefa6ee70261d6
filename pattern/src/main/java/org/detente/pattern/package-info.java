/** Détente pattern module. */
package org.detente.pattern;
