/** The one DynamoDB table (pk/sk, TTL) and its item helpers; expiry is checked on read. */
package dev.xanthus.core.dynamo;
