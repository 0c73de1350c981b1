package dev.xanthus.core.remote;

/** The commands Xanthus runs on its servers, each built with {@link RemoteCommand} from validated values. */
public final class ServerCommands {

  private ServerCommands() {}

  public static RemoteCommand setupStage() {
    return RemoteCommand.of("cat").literal("/opt/xanthus/status").quietErrors().build();
  }

  public static RemoteCommand info() {
    return RemoteCommand.of("cat").literal("/opt/xanthus/info.txt").quietErrors().build();
  }

  public static RemoteCommand hostname() {
    return RemoteCommand.of("hostname").build();
  }

  public static RemoteCommand isActive(String unit) {
    return RemoteCommand.of("systemctl").literal("is-active").literal(unit).build();
  }

  public static RemoteCommand uptime() {
    return RemoteCommand.of("uptime").literal("-p").build();
  }

  public static RemoteCommand memory() {
    return RemoteCommand.of("free").literal("-m").build();
  }

  public static RemoteCommand disk() {
    return RemoteCommand.of("df").literal("-h").literal("/").build();
  }

  /** {@code lines} comes from {@link RemoteValues#lineCount}. */
  public static RemoteCommand journal(int lines) {
    return RemoteCommand.of("journalctl").literal("-n").value(checked(lines)).literal("--no-pager").build();
  }

  public static RemoteCommand unitJournal(String unit, int lines) {
    return RemoteCommand.of("journalctl").literal("-u").literal(unit).literal("-n").value(checked(lines))
        .literal("--no-pager").build();
  }

  public static RemoteCommand unitStatus(String unit) {
    return RemoteCommand.of("systemctl").literal("status").literal(unit).literal("--no-pager").build();
  }

  public static RemoteCommand currentTimeZone() {
    return RemoteCommand.of("timedatectl").literal("show").literal("--property=Timezone").literal("--value").build();
  }

  /** {@code zone} comes from {@link RemoteValues#timeZone}; it is quoted all the same. */
  public static RemoteCommand setTimeZone(String zone) {
    return RemoteCommand.of("timedatectl").literal("set-timezone").value(RemoteValues.timeZone(zone)).build();
  }

  private static int checked(int lines) {
    if (lines < 1 || lines > RemoteValues.MAX_LOG_LINES) {
      throw new IllegalArgumentException("line count out of range: " + lines);
    }
    return lines;
  }
}
