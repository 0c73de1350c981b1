/** Lambda entry points, one per route group, under aws-serverless-java-container. */
package dev.xanthus.api.lambda;
