/** Détente bench module. */
package org.detente.bench;
