package dev.xanthus.sandbox.k8s;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * What runs inside a pod for {@code kubectl exec}: a few commands over the files of the pod's volumes, and {@code sh
 * -c} scripts made of them with quotes, {@code && || ; |} and {@code > >> < 2>} redirections. Nothing is expanded:
 * a script with {@code $}, backquotes or globbing is refused, so nothing given to a pod can reach the host's shell.
 */
final class ContainerShell {

    record Result(String out, String err, int status) {}

    private record Command(
            List<String> words, String stdoutTo, boolean append, String stdinFrom, boolean dropErr, boolean errToOut) {}

    private final Cluster.State state;
    private final ObjectNode pod;
    private final Map<String, String> files;
    private final String workdir;

    ContainerShell(Cluster.State state, ObjectNode pod) {
        this.state = state;
        this.pod = pod;
        this.files = state.files.computeIfAbsent(Charts.volumeOf(pod), k -> new LinkedHashMap<>());
        this.workdir = isCodeServer() ? "/home/coder" : "/";
    }

    private boolean isCodeServer() {
        return pod.path("spec")
                .path("containers")
                .path(0)
                .path("image")
                .asText()
                .contains("code-server");
    }

    /** The main process's command line, for pkill -f. */
    private String mainProcess() {
        if (isCodeServer()) {
            return "/usr/lib/code-server/lib/node /usr/lib/code-server --bind-addr 0.0.0.0:8080 .";
        }
        return pod.path("spec").path("containers").path(0).path("name").asText();
    }

    Result exec(List<String> argv, String stdin) {
        if (argv.size() >= 3
                && List.of("sh", "/bin/sh", "bash", "/bin/bash").contains(argv.get(0))
                && argv.get(1).equals("-c")) {
            String shell = argv.get(0).substring(argv.get(0).lastIndexOf('/') + 1);
            try {
                return script(argv.get(2), stdin);
            } catch (Cluster.Failure refused) {
                return new Result("", shell + ": " + refused.getMessage(), 2);
            }
        }
        if (argv.isEmpty()) {
            return new Result("", "error: you must specify at least one command for the container\n", 1);
        }
        Result r = run(new Command(argv, null, false, null, false, false), stdin, true);
        if (r.status() == 127) {
            return new Result(
                    "",
                    "error: Internal error occurred: error executing command in container: failed to exec in "
                            + "container: failed to start exec: OCI runtime exec failed: exec failed: unable to start container process: "
                            + "exec: \"" + argv.get(0) + "\": executable file not found in $PATH: unknown\n",
                    126);
        }
        return r;
    }

    // ---- scripts ----

    private Result script(String script, String stdin) {
        List<String> tokens = tokenize(script);
        StringBuilder out = new StringBuilder();
        StringBuilder err = new StringBuilder();
        int status = 0;
        String connector = ";";
        int i = 0;
        while (i < tokens.size()) {
            List<List<String>> pipeline = new ArrayList<>();
            List<String> words = new ArrayList<>();
            while (i < tokens.size() && !isSeparator(tokens.get(i))) {
                if (tokens.get(i).equals("\0|")) {
                    pipeline.add(words);
                    words = new ArrayList<>();
                } else {
                    words.add(tokens.get(i));
                }
                i++;
            }
            pipeline.add(words);
            boolean run = connector.equals(";") || (connector.equals("&&") == (status == 0));
            if (run && !(pipeline.size() == 1 && pipeline.get(0).isEmpty())) {
                String input = stdin;
                for (int k = 0; k < pipeline.size(); k++) {
                    Result r = run(command(pipeline.get(k)), input, false);
                    err.append(r.err());
                    status = r.status();
                    if (k == pipeline.size() - 1) {
                        out.append(r.out());
                    } else {
                        input = r.out();
                    }
                }
                stdin = "";
            }
            if (i < tokens.size()) {
                connector = tokens.get(i).substring(1);
                i++;
            }
        }
        return new Result(out.toString(), err.toString(), status);
    }

    private static boolean isSeparator(String token) {
        return token.equals("\0&&") || token.equals("\0||") || token.equals("\0;");
    }

    /** Words, and operators marked with a leading NUL ({@code \0&&}, {@code \0|}, {@code \0>}, …). */
    private static List<String> tokenize(String script) {
        List<String> tokens = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        for (int i = 0; i < script.length(); i++) {
            char c = script.charAt(i);
            if (c == '\'') {
                int end = script.indexOf('\'', i + 1);
                if (end < 0) {
                    throw new Cluster.Failure("1: Syntax error: Unterminated quoted string\n");
                }
                word.append(script, i + 1, end);
                inWord = true;
                i = end;
            } else if (c == '"') {
                int j = i + 1;
                for (; j < script.length() && script.charAt(j) != '"'; j++) {
                    char d = script.charAt(j);
                    if (d == '$' || d == '`') {
                        throw unsupported(d);
                    }
                    if (d == '\\' && j + 1 < script.length() && "\"\\".indexOf(script.charAt(j + 1)) >= 0) {
                        j++;
                    }
                    word.append(script.charAt(j));
                }
                if (j >= script.length()) {
                    throw new Cluster.Failure("1: Syntax error: Unterminated quoted string\n");
                }
                inWord = true;
                i = j;
            } else if (c == '\\' && i + 1 < script.length()) {
                word.append(script.charAt(++i));
                inWord = true;
            } else if (c == '$' || c == '`' || c == '*' || c == '?' || c == '(' || c == ')' || c == '{' || c == '}'
                    || c == '~') {
                throw unsupported(c);
            } else if (c == '#' && !inWord) {
                while (i + 1 < script.length() && script.charAt(i + 1) != '\n') {
                    i++;
                }
            } else if (Character.isWhitespace(c) && c != '\n') {
                if (inWord) {
                    tokens.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else if (c == '\n' || c == ';' || c == '&' || c == '|' || c == '>' || c == '<') {
                String op;
                if (c == '&' && script.startsWith("&&", i)) {
                    op = "&&";
                } else if (c == '|' && script.startsWith("||", i)) {
                    op = "||";
                } else if (c == '>' && script.startsWith(">>", i)) {
                    op = ">>";
                } else if (c == '>' && inWord && word.toString().equals("2")) {
                    word.setLength(0);
                    inWord = false;
                    op = script.startsWith(">&1", i) ? "2>&1" : "2>";
                } else if (c == '&') {
                    throw unsupported(c);
                } else {
                    op = c == '\n' ? ";" : String.valueOf(c);
                }
                if (inWord) {
                    tokens.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
                tokens.add("\0" + op);
                i += op.equals("2>") ? 0 : op.equals("2>&1") ? 2 : op.length() - 1;
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            tokens.add(word.toString());
        }
        return tokens;
    }

    private static Cluster.Failure unsupported(char c) {
        return new Cluster.Failure("1: '" + c + "' is not supported by the sandbox container shell (no expansion, "
                + "no subshells, no globbing)\n");
    }

    private static Command command(List<String> tokens) {
        List<String> words = new ArrayList<>();
        String stdoutTo = null;
        String stdinFrom = null;
        boolean append = false;
        boolean dropErr = false;
        boolean errToOut = false;
        for (int i = 0; i < tokens.size(); i++) {
            String t = tokens.get(i);
            switch (t) {
                case "\0>", "\0>>" -> {
                    stdoutTo = target(tokens, ++i);
                    append = t.equals("\0>>");
                }
                case "\0<" -> stdinFrom = target(tokens, ++i);
                case "\0" + "2>" -> dropErr = target(tokens, ++i) != null;
                case "\0" + "2>&1" -> errToOut = true;
                default -> words.add(t);
            }
        }
        return new Command(words, stdoutTo, append, stdinFrom, dropErr, errToOut);
    }

    private static String target(List<String> tokens, int i) {
        if (i >= tokens.size() || tokens.get(i).startsWith("\0")) {
            throw new Cluster.Failure("1: Syntax error: redirection unexpected\n");
        }
        return tokens.get(i);
    }

    // ---- commands ----

    private Result run(Command c, String stdin, boolean direct) {
        String input = stdin;
        if (c.stdinFrom() != null) {
            input = read(c.stdinFrom());
            if (input == null) {
                return new Result("", "sh: 1: cannot open " + c.stdinFrom() + ": No such file\n", 2);
            }
        }
        Result r = c.words().isEmpty() ? new Result("", "", 0) : builtin(c.words(), input);
        String out = r.out();
        String err = r.err();
        if (c.errToOut()) {
            out = out + err;
            err = "";
        }
        if (c.dropErr()) {
            err = "";
        }
        if (c.stdoutTo() != null) {
            if (!c.stdoutTo().equals("/dev/null")) {
                String path = path(c.stdoutTo());
                files.put(path, (c.append() ? files.getOrDefault(path, "") : "") + out);
            }
            out = "";
        }
        if (r.status() == 127 && !direct) {
            err = "sh: 1: " + c.words().get(0) + ": not found\n";
        }
        return new Result(out, err, r.status());
    }

    private Result builtin(List<String> words, String stdin) {
        String name = words.get(0);
        List<String> args = words.subList(1, words.size());
        return switch (name.substring(name.lastIndexOf('/') + 1)) {
            case "cat" -> cat(args, stdin);
            case "tee" -> tee(args, stdin);
            case "echo" -> echo(args);
            case "true", ":" -> new Result("", "", 0);
            case "false" -> new Result("", "", 1);
            case "mkdir", "chmod", "chown", "sync", "sleep" -> new Result("", "", 0);
            case "rm" -> rm(args);
            case "ls" -> ls(args);
            case "test", "[" -> test(args);
            case "grep" -> grep(args, stdin);
            case "pkill" -> pkill(args);
            case "kill" -> args.contains("1") ? restart() : new Result("", "", 0);
            case "whoami" -> new Result(isCodeServer() ? "coder\n" : "root\n", "", 0);
            default -> new Result("", "", 127);
        };
    }

    private String path(String p) {
        String abs = p.startsWith("/") ? p : (workdir.equals("/") ? "" : workdir) + "/" + p;
        return abs.replaceAll("/+", "/");
    }

    private String read(String p) {
        return files.get(path(p));
    }

    private Result cat(List<String> args, String stdin) {
        List<String> paths =
                args.stream().filter(a -> !a.startsWith("-") || a.equals("-")).toList();
        if (paths.isEmpty()) {
            return new Result(stdin, "", 0);
        }
        StringBuilder out = new StringBuilder();
        StringBuilder err = new StringBuilder();
        int status = 0;
        for (String p : paths) {
            String text = p.equals("-") ? stdin : read(p);
            if (text == null) {
                err.append("cat: ").append(p).append(": No such file or directory\n");
                status = 1;
            } else {
                out.append(text);
            }
        }
        return new Result(out.toString(), err.toString(), status);
    }

    private Result tee(List<String> args, String stdin) {
        boolean append = args.contains("-a");
        for (String p : args) {
            if (!p.startsWith("-")) {
                files.put(path(p), (append ? files.getOrDefault(path(p), "") : "") + stdin);
            }
        }
        return new Result(stdin, "", 0);
    }

    private static Result echo(List<String> args) {
        boolean newline = args.isEmpty() || !args.get(0).equals("-n");
        List<String> words = newline ? args : args.subList(1, args.size());
        return new Result(String.join(" ", words) + (newline ? "\n" : ""), "", 0);
    }

    private Result rm(List<String> args) {
        boolean force = args.stream().anyMatch(a -> a.startsWith("-") && a.contains("f"));
        for (String p : args) {
            if (!p.startsWith("-") && files.remove(path(p)) == null && !force) {
                return new Result("", "rm: cannot remove '" + p + "': No such file or directory\n", 1);
            }
        }
        return new Result("", "", 0);
    }

    private Result ls(List<String> args) {
        String dir = args.stream()
                .filter(a -> !a.startsWith("-"))
                .findFirst()
                .map(this::path)
                .orElse(workdir);
        String prefix = dir.endsWith("/") ? dir : dir + "/";
        if (files.containsKey(dir)) {
            return new Result(
                    args.stream().filter(a -> !a.startsWith("-")).findFirst().orElse(dir) + "\n", "", 0);
        }
        List<String> names = files.keySet().stream()
                .filter(f -> f.startsWith(prefix))
                .map(f -> f.substring(prefix.length()).split("/")[0])
                .distinct()
                .sorted()
                .toList();
        if (names.isEmpty()) {
            return new Result("", "ls: cannot access '" + dir + "': No such file or directory\n", 2);
        }
        return new Result(String.join("\n", names) + "\n", "", 0);
    }

    private Result test(List<String> args) {
        List<String> a =
                args.isEmpty() || !args.get(args.size() - 1).equals("]") ? args : args.subList(0, args.size() - 1);
        if (a.size() == 2 && List.of("-f", "-e", "-s", "-r").contains(a.get(0))) {
            String text = read(a.get(1));
            boolean ok = text != null && (!a.get(0).equals("-s") || !text.isEmpty());
            return new Result("", "", ok ? 0 : 1);
        }
        return new Result("", "sh: 1: test: unsupported expression (sandbox)\n", 2);
    }

    private Result grep(List<String> args, String stdin) {
        boolean quiet = false;
        boolean invert = false;
        boolean fixed = false;
        boolean ignoreCase = false;
        List<String> rest = new ArrayList<>();
        for (String a : args) {
            if (a.startsWith("-") && a.length() > 1 && rest.isEmpty()) {
                quiet |= a.contains("q");
                invert |= a.contains("v");
                fixed |= a.contains("F");
                ignoreCase |= a.contains("i");
            } else {
                rest.add(a);
            }
        }
        if (rest.isEmpty()) {
            return new Result("", "Usage: grep [OPTION]... PATTERNS [FILE]...\n", 2);
        }
        String text = rest.size() > 1 ? read(rest.get(1)) : stdin;
        if (text == null) {
            return new Result("", "grep: " + rest.get(1) + ": No such file or directory\n", 2);
        }
        Pattern pattern;
        try {
            String regex = fixed ? Pattern.quote(rest.get(0)) : rest.get(0).replace("\\|", "|");
            pattern = Pattern.compile(regex, ignoreCase ? Pattern.CASE_INSENSITIVE : 0);
        } catch (PatternSyntaxException e) {
            return new Result("", "grep: Invalid regular expression\n", 2);
        }
        StringBuilder out = new StringBuilder();
        boolean any = false;
        for (String line : text.split("\n", -1)) {
            if (line.isEmpty() && text.endsWith("\n")) {
                continue;
            }
            if (pattern.matcher(line).find() != invert) {
                any = true;
                out.append(line).append('\n');
            }
        }
        return new Result(quiet ? "" : out.toString(), "", any ? 0 : 1);
    }

    private Result pkill(List<String> args) {
        boolean full = args.contains("-f");
        String pattern =
                args.stream().filter(a -> !a.startsWith("-")).findFirst().orElse(null);
        if (pattern == null) {
            return new Result("", "pkill: no matching criteria specified\n", 2);
        }
        String process = full ? mainProcess() : mainProcess().split(" ")[0].replaceAll(".*/", "");
        try {
            return Pattern.compile(pattern).matcher(process).find() ? restart() : new Result("", "", 1);
        } catch (PatternSyntaxException e) {
            return new Result("", "pkill: invalid pattern\n", 2);
        }
    }

    /** The main process died: the kubelet restarts the container (restartCount + 1); files in volumes stay. */
    private Result restart() {
        ObjectNode status =
                (ObjectNode) pod.path("status").path("containerStatuses").path(0);
        if (!status.isMissingNode()) {
            status.put("restartCount", status.path("restartCount").asInt() + 1);
            status.putObject("state").putObject("running").put("startedAt", Cluster.now());
        }
        return new Result("", "", 0);
    }

    Cluster.State state() {
        return state;
    }
}
