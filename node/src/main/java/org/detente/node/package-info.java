/** Détente node module. */
package org.detente.node;
