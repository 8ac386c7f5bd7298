#!/bin/sh
# setup.sh - install every Debian package mmscope needs to build, run and test.
#
# Idempotent: when everything is already installed it only asks dpkg and
# returns in well under a second.  Otherwise it runs apt-get update once and
# installs the missing packages one by one, so a failure names the package.
set -eu

PACKAGES="
build-essential
gcc-multilib
scons
python3
qemu-system-x86
libncurses-dev
binutils-dev
tmux
clang
libclang-rt-dev
chromium
fonts-dejavu-core
babeltrace2
mandoc
asciinema
"

missing=""
for p in $PACKAGES; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
		missing="$missing $p"
	fi
done

if [ -z "$missing" ]; then
	echo "setup.sh: all packages present"
	exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
	SUDO="sudo"
fi

echo "setup.sh: installing:$missing"
export DEBIAN_FRONTEND=noninteractive
if ! $SUDO apt-get update -qq; then
	echo "setup.sh: 'apt-get update' failed; check the network and /etc/apt/sources.list" >&2
	exit 1
fi
for p in $missing; do
	if ! $SUDO apt-get install -y -qq --no-install-recommends "$p" >/dev/null; then
		echo "setup.sh: failed to install Debian package '$p'" >&2
		echo "setup.sh: try 'apt-get install $p' by hand to see why" >&2
		exit 1
	fi
done
echo "setup.sh: done"
