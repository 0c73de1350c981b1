/** DynamoDB leases around KV check-then-write, since KV has no conditional writes. */
package dev.xanthus.core.lock;
