# SPDX-License-Identifier: GPL-2.0
# Shared prologue of the end-to-end tests (sourced, not run):
#   here     the checkout;  BACKPORT  the tool under test (default ./backport)
#   tmp      a scratch directory removed on exit (also when made read-only)
#   fail MSG print "FAIL: MSG" and exit 1
#   private_home EPOCH
#            a HOME of its own with a git identity, as on a fresh CI machine
#            that has no ~/.gitconfig; SOURCE_DATE_EPOCH=EPOCH
here=$(cd "$(dirname "$0")/../.." && pwd)
: "${BACKPORT:=$here/backport}"
tmp=$(mktemp -d)
trap 'chmod -R u+w "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

private_home() {
	export HOME="$tmp/home" GIT_CONFIG_NOSYSTEM=1 SOURCE_DATE_EPOCH=$1
	mkdir -p "$HOME"
	git config --global user.name "Backport Test"
	git config --global user.email "backport-test@example.invalid"
	git config --global init.defaultBranch main
}
