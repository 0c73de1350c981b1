/** Which beans each route group (Lambda function) boots; AllFunctions is the local stack's everything-in-one. */
package dev.xanthus.api.function;
