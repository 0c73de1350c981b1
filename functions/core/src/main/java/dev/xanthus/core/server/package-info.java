/**
 * Servers on Hetzner and Oracle Cloud behind one ServerProvider: options, create with adoption of lost answers, power,
 * delete, status over SSH.
 */
package dev.xanthus.core.server;
