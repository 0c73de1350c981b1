/** SSH sessions (sshj) with the host key pinned on first use, exec and SFTP. */
package dev.xanthus.clients.ssh;
