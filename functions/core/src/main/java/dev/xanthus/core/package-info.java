/**
 * Xanthus's services, with no Spring and no Lambda types: they run the same in a Lambda, the local stack and a test.
 */
package dev.xanthus.core;
