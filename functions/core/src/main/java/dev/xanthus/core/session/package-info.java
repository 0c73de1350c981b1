/** DynamoDB sessions that hold the user's Cloudflare token sealed; read on every request, so logout is immediate. */
package dev.xanthus.core.session;
