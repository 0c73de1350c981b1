/** Catalog apps deployed with Helm over SSH as leased, resumable jobs; credentials, tokens, port-forwards, versions. */
package dev.xanthus.core.app;
