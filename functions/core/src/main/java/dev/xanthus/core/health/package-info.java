/** Health checks reported by /health: ok, warning (with a detail) or failing. */
package dev.xanthus.core.health;
