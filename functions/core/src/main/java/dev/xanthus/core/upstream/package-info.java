/**
 * Everything between a service and a provider: the one pool that runs provider calls side by side (carrying the
 * request's deadline), and one translation per provider of its failures into the API's typed errors, so the same
 * Cloudflare, Hetzner, OCI or SSH failure answers the same code wherever it happens.
 */
package dev.xanthus.core.upstream;
