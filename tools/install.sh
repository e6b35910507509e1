#!/bin/sh
# Installs Robotfabrik on Debian or Ubuntu: the system packages an X desktop and Qt need, then a
# virtual environment in .venv with the program (and, with --test, what the tests need).
#   sh tools/install.sh          the studio and the robot
#   sh tools/install.sh --test   the same, plus pytest, hypothesis, ruff, mypy, import-linter
set -eu
cd "$(dirname "$0")/.."

extras=""
case "${1:-}" in
  --test) extras="[test]" ;;
  "") ;;
  *) echo "usage: sh tools/install.sh [--test]" >&2; exit 2 ;;
esac

sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
# xvfb and xdotool are for the end-to-end tests and the benchmarks; x11-xkb-utils switches the
# keyboard layout in them. The libxcb and GL libraries are what Qt's X11 platform plugin loads.
# dbus and at-spi2-core give the accessibility bus through which elements are found by name;
# chromium (a web form's elements) and openbox (a real window manager) are for the tests, and
# gnome-keyring gives them a real Secret Service (where passwords of secret parameters are kept).
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends \
  python3-venv xvfb xdotool x11-xkb-utils xkb-data xterm \
  libxcb-icccm4 libxcb-keysyms1 libxcb-cursor0 libxcb-shape0 libxcb-randr0 libxcb-render-util0 \
  libxcb-image0 libxcb-xkb1 libxkbcommon-x11-0 libegl1 libgl1 libfontconfig1 libdbus-1-3 \
  fonts-dejavu-core dbus at-spi2-core chromium openbox gnome-keyring >/dev/null

python3 -m venv .venv
.venv/bin/pip install -q --upgrade pip
.venv/bin/pip install -q -e ".$extras"
