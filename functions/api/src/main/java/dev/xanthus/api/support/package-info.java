/** Web plumbing shared by every route group: the JSON error shape, request ids, body limits, the principal. */
package dev.xanthus.api.support;
