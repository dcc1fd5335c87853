#!/usr/bin/env bash
# check-cli.sh — the command line a person or a script meets.
#
# Copyright 2026 The Länka authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: check-cli.sh LANKA VERSION
set -u

lanka=$1
version=$2
n=0
failed=0

check() {
  n=$((n + 1))
  if [ "$1" = ok ]; then
    echo "ok $n - $2"
  else
    echo "not ok $n - $2"
    failed=1
  fi
}

echo "1..4"

out=$(LANGUAGE=en "$lanka" --version 2>&1); status=$?
[ $status -eq 0 ] && check ok "--version exits 0" || check fail "--version exits 0 (got $status)"
case "$out" in
  "Länka $version"*) check ok "--version prints the version" ;;
  *) check fail "--version prints the version (got: $out)" ;;
esac

out=$(LANGUAGE=en "$lanka" --no-such-option 2>&1); status=$?
[ $status -ne 0 ] && check ok "an unknown option fails" || check fail "an unknown option fails"
case "$out" in
  *"Unknown option --no-such-option"*) check ok "an unknown option is named" ;;
  *) check fail "an unknown option is named (got: $out)" ;;
esac

exit $failed
