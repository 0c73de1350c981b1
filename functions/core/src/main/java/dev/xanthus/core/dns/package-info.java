/** Domains behind Full (strict) TLS with an Origin CA certificate: a saga whose every step is undone on failure. */
package dev.xanthus.core.dns;
