package dev.xanthus.core.remote;

/**
 * The helm and kubectl commands of the applications function, each built with {@link RemoteCommand}: fixed words are
 * literals, every name, path or version is a quoted value. Manifests, values and secrets never appear here: they are
 * uploaded over SFTP and named by path, or written to the program's standard input.
 */
public final class AppCommands {

    /** Where Xanthus keeps uploaded charts, values and manifests on a server (SFTP writes there, mode 0600). */
    public static final String WORK_DIR = "/var/lib/xanthus";

    public static final String HELM_TIMEOUT = "10m";

    /**
     * K3s's kubeconfig, given to every helm and kubectl run: helm has no default of its own (it reads ~/.kube/config,
     * which a K3s server lacks), and the KUBECONFIG line cloud-init writes to /etc/environment reaches a session only
     * through pam_env, which an SSH server without PAM (or a server set up by hand) does not run.
     */
    public static final String KUBECONFIG = "/etc/rancher/k3s/k3s.yaml";

    private AppCommands() {}

    private static RemoteCommand.Builder helm() {
        return RemoteCommand.of("helm").literal("--kubeconfig").literal(KUBECONFIG);
    }

    private static RemoteCommand.Builder kubectl() {
        return RemoteCommand.of("kubectl").literal("--kubeconfig").literal(KUBECONFIG);
    }

    public static RemoteCommand helmRepoAdd(String name, String url) {
        return helm().literal("repo")
                .literal("add")
                .value(RemoteValues.k8sName(name))
                .value(url)
                .literal("--force-update")
                .build();
    }

    public static RemoteCommand helmRepoUpdate(String name) {
        return helm().literal("repo")
                .literal("update")
                .value(RemoteValues.k8sName(name))
                .build();
    }

    /** {@code helm upgrade --install <release> <chart> --version <v> -n <ns> -f <values> --wait --timeout 10m}. */
    public static RemoteCommand helmUpgradeInstall(
            String release, String chart, String version, String namespace, String valuesFile) {
        return helm().literal("upgrade")
                .literal("--install")
                .value(RemoteValues.k8sName(release))
                .value(chart)
                .literal("--version")
                .value(RemoteValues.version(version))
                .literal("-n")
                .value(RemoteValues.k8sName(namespace))
                .literal("-f")
                .value(valuesFile)
                .literal("--wait")
                .literal("--timeout")
                .literal(HELM_TIMEOUT)
                .build();
    }

    public static RemoteCommand helmUninstall(String release, String namespace) {
        return helm().literal("uninstall")
                .value(RemoteValues.k8sName(release))
                .literal("-n")
                .value(RemoteValues.k8sName(namespace))
                .literal("--ignore-not-found")
                .literal("--wait")
                .build();
    }

    /**
     * GitHub's source archive of one tag ({@code https://codeload.github.com/<owner>/<repo>/tar.gz/refs/tags/<tag>},
     * where github.com's {@code /archive/refs/tags/<tag>.tar.gz} redirects), saved to {@code file}. curl is in every
     * server's cloud-init; git is not, so servers made before any change to cloud-init can fetch it too.
     */
    public static RemoteCommand downloadTagArchive(String owner, String repo, String tag, String file) {
        if (!owner.matches("[A-Za-z0-9-]+") || !repo.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("not a GitHub repository: " + owner + "/" + repo);
        }
        return RemoteCommand.of("curl")
                .literal("-fsSL")
                .literal("--retry")
                .literal("3")
                .literal("--max-time")
                .literal("120")
                .literal("-o")
                .value(file)
                .value("https://codeload.github.com/" + owner + "/" + repo + "/tar.gz/refs/tags/"
                        + RemoteValues.version(tag))
                .build();
    }

    public static RemoteCommand makeDir(String dir) {
        return RemoteCommand.of("mkdir").literal("-p").value(dir).build();
    }

    /** Unpacks a GitHub source archive into {@code dir}, dropping its top folder ({@code <repo>-<version>/}). */
    public static RemoteCommand extractArchive(String file, String dir) {
        return RemoteCommand.of("tar")
                .literal("-xzf")
                .value(file)
                .literal("-C")
                .value(dir)
                .literal("--strip-components=1")
                .build();
    }

    public static RemoteCommand kubectlApply(String file) {
        return kubectl().literal("apply").literal("-f").value(file).build();
    }

    public static RemoteCommand kubectlDelete(String kind, String name, String namespace) {
        return kubectl()
                .literal("delete")
                .literal(kind)
                .value(RemoteValues.objectName(name))
                .literal("-n")
                .value(RemoteValues.k8sName(namespace))
                .literal("--ignore-not-found")
                .build();
    }

    /** Deletes every object of {@code kind} labelled as the release's (PVCs after an uninstall). */
    public static RemoteCommand kubectlDeleteOfRelease(String kind, String release, String namespace) {
        return kubectl()
                .literal("delete")
                .literal(kind)
                .literal("-n")
                .value(RemoteValues.k8sName(namespace))
                .literal("-l")
                .value("app.kubernetes.io/instance=" + RemoteValues.k8sName(release))
                .literal("--ignore-not-found")
                .build();
    }

    public static RemoteCommand helmValues(String release, String namespace) {
        return helm().literal("get")
                .literal("values")
                .value(RemoteValues.k8sName(release))
                .literal("-n")
                .value(RemoteValues.k8sName(namespace))
                .literal("-o")
                .literal("json")
                .build();
    }

    /** The name of the release's first pod. */
    public static RemoteCommand podOf(String release, String namespace) {
        return kubectl()
                .literal("get")
                .literal("pods")
                .literal("-n")
                .value(RemoteValues.k8sName(namespace))
                .literal("-l")
                .value("app.kubernetes.io/instance=" + RemoteValues.k8sName(release))
                .literal("-o")
                .value("jsonpath={.items[0].metadata.name}")
                .build();
    }

    public static RemoteCommand execCat(String pod, String namespace, String path) {
        return kubectl()
                .literal("exec")
                .value(pod)
                .literal("-n")
                .value(RemoteValues.k8sName(namespace))
                .literal("--")
                .literal("cat")
                .literal(path)
                .build();
    }

    /** Replaces {@code path} inside the pod with what arrives on standard input. */
    public static RemoteCommand execWriteFromStdin(String pod, String namespace, String path) {
        return kubectl()
                .literal("exec")
                .literal("-i")
                .value(pod)
                .literal("-n")
                .value(RemoteValues.k8sName(namespace))
                .literal("--")
                .literal("sh")
                .literal("-c")
                .value("cat > " + fixedPath(path))
                .build();
    }

    private static String fixedPath(String path) {
        if (!path.matches("/[A-Za-z0-9_./-]+") || path.contains("..")) {
            throw new IllegalArgumentException("not a fixed path: " + path);
        }
        return path;
    }

    /** Restarts code-server's main process, which rereads its config. */
    public static RemoteCommand execRestartCodeServer(String pod, String namespace) {
        return kubectl()
                .literal("exec")
                .value(pod)
                .literal("-n")
                .value(RemoteValues.k8sName(namespace))
                .literal("--")
                .literal("pkill")
                .literal("-f")
                .literal("code-server")
                .build();
    }

    /** One key of a secret's {@code data}, base64 as stored. */
    public static RemoteCommand secretKey(String secret, String namespace, String key) {
        if (!key.matches("[A-Za-z0-9_-]+")) {
            throw new IllegalArgumentException("unexpected secret key " + key);
        }
        return kubectl()
                .literal("get")
                .literal("secret")
                .value(RemoteValues.k8sName(secret))
                .literal("-n")
                .value(RemoteValues.k8sName(namespace))
                .literal("-o")
                .value("jsonpath={.data." + key + "}")
                .build();
    }

    /** A JSON merge patch of a secret; {@code patchJson} holds no plaintext secret (a bcrypt hash at most). */
    public static RemoteCommand patchSecret(String secret, String namespace, String patchJson) {
        return kubectl()
                .literal("patch")
                .literal("secret")
                .value(RemoteValues.k8sName(secret))
                .literal("-n")
                .value(RemoteValues.k8sName(namespace))
                .literal("--type")
                .literal("merge")
                .literal("-p")
                .value(patchJson)
                .build();
    }

    public static RemoteCommand createToken(String serviceAccount, String namespace, long seconds) {
        if (seconds < 600 || seconds > 366L * 24 * 3600) {
            throw new IllegalArgumentException("token duration out of range");
        }
        return kubectl()
                .literal("create")
                .literal("token")
                .value(RemoteValues.k8sName(serviceAccount))
                .literal("-n")
                .value(RemoteValues.k8sName(namespace))
                .literal("--duration=" + seconds + "s")
                .build();
    }
}
