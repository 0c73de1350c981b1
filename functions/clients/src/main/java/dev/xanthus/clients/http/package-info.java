/** The JSON-over-HTTP transport every client shares: bounded retries with jitter, typed transport failures. */
package dev.xanthus.clients.http;
