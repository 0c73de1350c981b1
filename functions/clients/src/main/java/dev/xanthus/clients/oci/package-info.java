/** Oracle Cloud's identity and core APIs with OCI's HTTP request signatures. */
package dev.xanthus.clients.oci;
