package dev.xanthus.core.remote;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The only way a command line for a server is made (ARCHITECTURE decision 7). Fixed words go in through
 * {@link Builder#literal}, which admits no shell syntax at all; anything that came from a user or a record goes in
 * through {@link Builder#value}, which single-quotes it. Nothing is ever concatenated into a command line elsewhere.
 */
public final class RemoteCommand {

    /** Program names, flags and fixed paths: no quotes, spaces, {@code $}, {@code ;}, backticks or newlines. */
    private static final Pattern LITERAL = Pattern.compile("[A-Za-z0-9_./=:,+@%-]+");

    private final String line;

    private RemoteCommand(String line) {
        this.line = line;
    }

    public static Builder of(String program) {
        return new Builder().literal(program);
    }

    /** The command line as the remote shell receives it. */
    public String line() {
        return line;
    }

    @Override
    public String toString() {
        return line;
    }

    /** {@code word} unchanged when it is a plain literal (see {@link Builder#literal}); throws otherwise. */
    public static String literal(String word) {
        if (word == null || !LITERAL.matcher(word).matches()) {
            throw new IllegalArgumentException("not a plain literal: " + word);
        }
        return word;
    }

    /** Single-quotes {@code value} for a POSIX shell; a NUL byte cannot be passed through a shell and is refused. */
    public static String quote(String value) {
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a shell argument cannot contain NUL");
        }
        return "'" + value.replace("'", "'\"'\"'") + "'";
    }

    /** Collects words; each becomes exactly one argument of the remote program. */
    public static final class Builder {
        private final List<String> words = new ArrayList<>();
        private String stderr = "";

        private Builder() {}

        /** A fixed word written in our code; throws if it could mean anything to the shell. */
        public Builder literal(String word) {
            words.add(RemoteCommand.literal(word));
            return this;
        }

        /** A value (validated by the caller for meaning), always quoted. */
        public Builder value(String value) {
            words.add(quote(value));
            return this;
        }

        public Builder value(long number) {
            words.add(Long.toString(number));
            return this;
        }

        /** Drops the program's error output, for probes whose failure is itself the answer. */
        public Builder quietErrors() {
            stderr = " 2>/dev/null";
            return this;
        }

        public RemoteCommand build() {
            return new RemoteCommand(String.join(" ", words) + stderr);
        }
    }
}
