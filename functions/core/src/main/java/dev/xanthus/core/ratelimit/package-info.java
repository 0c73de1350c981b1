/** The failed-login throttle, kept in DynamoDB so that every Lambda instance sees the same count. */
package dev.xanthus.core.ratelimit;
