/** Détente cli module. */
package org.detente.cli;
