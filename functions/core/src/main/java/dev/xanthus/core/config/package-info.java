/** Configuration from the environment, refused at start-up with every bad variable named. */
package dev.xanthus.core.config;
