/**
 * Hetzner Cloud's API as of December 2026 (no data centers): server types, locations, images, SSH keys, servers,
 * actions.
 */
package dev.xanthus.clients.hetzner;
