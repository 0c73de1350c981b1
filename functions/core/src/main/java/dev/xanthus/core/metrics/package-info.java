/**
 * Server metrics over time: sysstat's {@code sadc} samples on the server (installed by cloud-init), read on demand over
 * SSH with {@code sadf -j}, parsed and downsampled here. Facts about sysstat's formats and defaults, with their
 * sources: {@code functions/sandbox/contracts/sysstat/README.md}.
 */
package dev.xanthus.core.metrics;
