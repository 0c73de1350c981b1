/**
 * Every command and file that reaches a server: values validated and quoted by RemoteCommand, cloud-init rendered from
 * one template.
 */
package dev.xanthus.core.remote;
