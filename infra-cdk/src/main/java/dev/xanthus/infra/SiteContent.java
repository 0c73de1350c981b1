package dev.xanthus.infra;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The built static site. The Content-Security-Policy hashes of its inline scripts come from
 * {@link dev.xanthus.api.support.SecurityHeaders#inlineScriptHashes}, shared with the local stack.
 */
final class SiteContent {

  private SiteContent() {}

  static boolean exists(Path siteDir, String fallback) {
    return Files.isRegularFile(siteDir.resolve(fallback));
  }
}
