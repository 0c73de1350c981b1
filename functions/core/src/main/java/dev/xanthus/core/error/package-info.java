/** The one application error type and the one translation of Cloudflare failures into it. */
package dev.xanthus.core.error;
