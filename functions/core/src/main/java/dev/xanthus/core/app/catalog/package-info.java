/** The application catalog embedded in the jar: the Go program's YAML definitions and our values templates. */
package dev.xanthus.core.app.catalog;
