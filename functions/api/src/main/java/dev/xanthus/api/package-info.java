/** Spring controllers per route group, Lambda handlers and the error mapping; the route table is openapi.yaml. */
package dev.xanthus.api;
