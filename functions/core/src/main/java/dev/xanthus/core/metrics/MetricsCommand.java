package dev.xanthus.core.metrics;

import dev.xanthus.core.remote.RemoteCommand;

/**
 * The one command that reads metrics on a server. Only two numbers from {@link MetricsRange} (never user text) are in
 * it. It picks the sysstat data files written since the window began (by modification time, so the file names' local
 * days and the time zone do not matter), prints each with {@code sadf -j} — the newest at full resolution, older ones
 * averaged by sadf itself over the step, which keeps 7 days of minutes (about 10 MB of JSON) to a few hundred
 * records — only the activities the charts show and only the default route's interface and the root filesystem, and
 * sends it gzip-compressed in base64 (the request-path connector caps output at 2 MB), after a first line with the
 * server's own clock (epoch seconds): the window is the server's last hour, day or week, whatever our clock says.
 *
 * <p>Exit status {@value #NO_COLLECTOR}: sysstat is not installed ({@code sadf -V} does not run) (a server set up before Xanthus installed it).
 */
public final class MetricsCommand {

    public static final int NO_COLLECTOR = 3;

    private MetricsCommand() {}

    public static RemoteCommand read(MetricsRange range) {
        return RemoteCommand.of("bash").literal("-c").value(script(range)).build();
    }

    static String script(MetricsRange range) {
        return "export LC_ALL=C\n"
                + "sadf -V >/dev/null 2>&1 || exit " + NO_COLLECTOR + "\n"
                + "now=$(date +%s)\n"
                + "since=$(( now - " + range.windowSeconds() + " ))\n"
                + "iface=$(ip -o route show default 2>/dev/null"
                + " | awk '{ for (i = 1; i < NF; i++) if ($i == \"dev\") { print $(i + 1); exit } }')\n"
                + "files=$(find /var/log/sysstat -maxdepth 1 -type f -regex '.*/sa[0-9]+' -newermt \"@$since\""
                + " -printf '%T@ %p\\n' 2>/dev/null | sort -n | cut -d ' ' -f 2-)\n"
                + "newest=${files##*$'\\n'}\n"
                + "echo \"$now\"\n"
                + "for f in $files; do\n"
                + "  if [ \"$f\" = \"$newest\" ]; then every=''; else every=" + range.stepSeconds() + "; fi\n"
                + "  sadf -j ${iface:+\"--iface=$iface\"} --fs=/ -- -u -r ALL -q -n DEV -F MOUNT $every \"$f\""
                + " 2>/dev/null\n"
                + "done | gzip -c | base64 -w 0\n";
    }
}
