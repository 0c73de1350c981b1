/** Cloudflare's v4 API: tokens, accounts, zones, Workers KV, DNS records, zone settings, Origin CA, page rules. */
package dev.xanthus.clients.cloudflare;
