#!/bin/sh
# Unpacks Debian's cloud-init (the real validator: `cloud-init schema`) into DIR for CloudInitSchemaTest, once.
# Never installs anything on the build machine: `apt-get download` + `dpkg -x` only. python3-configobj comes along
# because `cloudinit.cmd.main` imports it and it is often missing; cloud-init's other Python needs (yaml, jsonschema,
# requests, jsonpatch) must come with python3 itself — the test names any that are missing.
set -eu
dir=${1:?usage: cloud-init-validator.sh DIR}
[ -d "$dir/usr/lib/python3/dist-packages/cloudinit" ] && exit 0

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
if ! apt-get download cloud-init python3-configobj >download.log 2>&1; then
  # A fresh machine has no package lists yet.
  apt-get update -qq >>download.log 2>&1 || true
  if ! apt-get download cloud-init python3-configobj >>download.log 2>&1; then
    tail -n 5 download.log >&2
    echo "cloud-init-validator.sh: apt-get download cloud-init failed" >&2
    exit 1
  fi
fi
mkdir -p "$dir.partial"
for deb in ./*.deb; do
  dpkg -x "$deb" "$dir.partial"
done
# Only a complete unpack takes the final name, so an interrupted run is redone next time.
rm -rf "$dir"
mv "$dir.partial" "$dir"
echo "cloud-init-validator.sh: unpacked $(ls ./*.deb | tr '\n' ' ')into $dir"
