/** Provider adapters: one package per provider, each an interface, its records, an HTTP implementation and a typed exception. */
package dev.xanthus.clients;
