#!/bin/sh
# The sandbox's get.k3s.io: installs K3s into this sandbox server's folder (k3s and kubectl commands,
# /etc/rancher/k3s/k3s.yaml, the k3s unit's journal); the emulated cluster answers from then on.
set -e
r=$XANTHUS_ROOT
version=v1.33.5+k3s1
echo "[INFO]  Using $version as release"
echo "[INFO]  Installing k3s to /usr/local/bin/k3s"
# the emulated download and start-up time (SandboxServers.Delays); the node is Ready when the installer returns
[ "${XANTHUS_DELAY_K3S:-0}" = 0 ] || command -p sleep "$XANTHUS_DELAY_K3S"
command -p mkdir -p "$r/etc/rancher/k3s" "$r/run"
command -p cat >"$r/etc/rancher/k3s/k3s.yaml" <<'KUBECONFIG'
apiVersion: v1
kind: Config
clusters:
- cluster: {server: 'https://127.0.0.1:6443'}
  name: default
contexts:
- context: {cluster: default, user: default}
  name: default
current-context: default
users:
- name: default
  user: {token: sandbox}
KUBECONFIG
command -p chmod 600 "$r/etc/rancher/k3s/k3s.yaml"
command -p cat >"$r/bin/k3s" <<'K3S'
#!/bin/bash
case $1 in
  --version | -v | version) echo 'k3s version v1.33.5+k3s1 (sandbox)'; echo 'go version go1.24.6' ;;
  kubectl) shift; exec kubectl "$@" ;;
  *) echo "k3s: $1: not emulated in the sandbox" >&2; exit 1 ;;
esac
K3S
command -p chmod 755 "$r/bin/k3s"
command -p ln -sf _k8s "$r/bin/kubectl"
echo "[INFO]  Creating /usr/local/bin/kubectl symlink to k3s"
printf '%s\n' "${INSTALL_K3S_EXEC:-}" >"$r/run/k3s-installed"
h=$(command -p cat "$r/etc/hostname")
t=$(LC_ALL=C command -p date -u '+%b %d %H:%M:%S')
printf '%s %s %s\n' "$t" "$h" "systemd[1]: Started k3s.service - Lightweight Kubernetes." \
  "$t" "$h" "k3s[1203]: Starting k3s $version" "$t" "$h" "k3s[1203]: Node is ready" >>"$r/var/log/journal"
echo "[INFO]  systemd: Starting k3s"
