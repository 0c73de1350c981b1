/** The one application error type, {@link dev.xanthus.core.error.AppException}, and its kinds. */
package dev.xanthus.core.error;
