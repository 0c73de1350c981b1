/** GitHub releases, for the versions of GitHub-versioned catalog apps. */
package dev.xanthus.clients.releases;
