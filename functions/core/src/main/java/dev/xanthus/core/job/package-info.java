/** Leased, idempotent, resumable jobs: long work that must outlive a 30-second API Gateway request. */
package dev.xanthus.core.job;
