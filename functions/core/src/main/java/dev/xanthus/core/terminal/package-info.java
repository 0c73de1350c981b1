/** Single-use terminal tickets and terminal sessions, consumed by the relay. */
package dev.xanthus.core.terminal;
