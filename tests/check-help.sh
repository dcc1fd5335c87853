#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Checks the Mallard help: the English pages are valid and their links and
# guide structure hold together, and every translation listed in
# help/LINGUAS is complete, builds, and gives valid pages.
#
# Usage: check-help.sh SRCDIR
#
# SRCDIR is the project's source root.  The result is printed as TAP, so that
# meson can run this with protocol: 'tap'.

set -euo pipefail

if [ $# -ne 1 ]; then
  echo "usage: $0 SRCDIR" >&2
  exit 2
fi

srcdir=$1
helpdir=$srcdir/help

for tool in yelp-check itstool msgfmt; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "1..0 # SKIP $tool is not installed"
    exit 0
  fi
done

shopt -s nullglob
pages=("$helpdir"/C/*.page)
shopt -u nullglob
if [ ${#pages[@]} -eq 0 ]; then
  echo "Bail out! no help pages in $helpdir/C"
  exit 1
fi

# LINGUAS: language codes separated by blanks or newlines; # starts a comment.
languages=()
if [ -f "$helpdir/LINGUAS" ]; then
  while read -r line || [ -n "$line" ]; do
    read -r -a words <<<"${line%%#*}"
    languages+=("${words[@]}")
  done < "$helpdir/LINGUAS"
fi

workdir=$(mktemp -d)
trap 'rm -rf "$workdir"' EXIT

# Three checks for the English pages, three for each language.
echo "1..$((3 + 3 * ${#languages[@]}))"

n=0
failures=0

# report DESCRIPTION STATUS OUTPUT
# A check passes when its command succeeded and printed nothing.
report() {
  local description=$1 status=$2 output=$3
  n=$((n + 1))
  if [ "$status" -eq 0 ] && [ -z "$output" ]; then
    echo "ok $n - $description"
  else
    echo "not ok $n - $description"
    if [ -n "$output" ]; then
      printf '%s\n' "$output" | sed 's/^/# /'
    fi
    failures=$((failures + 1))
  fi
}

# run DESCRIPTION COMMAND...
run() {
  local description=$1 status=0 output
  shift
  output=$("$@" 2>&1) || status=$?
  report "$description" "$status" "$output"
}

run "C: pages are valid Mallard" yelp-check validate "${pages[@]}"
run "C: links between pages resolve" yelp-check links "$helpdir/C"
run "C: every page is reachable from the index" yelp-check orphans "$helpdir/C"

for lang in "${languages[@]}"; do
  po=$helpdir/$lang/$lang.po
  mo=$workdir/$lang.mo
  out=$workdir/$lang

  # msgfmt --statistics prints e.g. "120 translated messages, 2 fuzzy
  # translations, 1 untranslated message."; only "translated" may appear.
  status=0
  output=$(msgfmt --check --statistics -o "$mo" "$po" 2>&1) || status=$?
  if [ "$status" -eq 0 ] && ! grep -q -E 'fuzzy|untranslated' <<<"$output"; then
    report "$lang: $lang.po is valid and complete ($output)" 0 ""
  else
    report "$lang: $lang.po is valid and complete" 1 "$output"
  fi

  mkdir -p "$out"
  if [ -f "$mo" ]; then
    run "$lang: translated pages build" \
      itstool -m "$mo" --lang "$lang" -o "$out/" "${pages[@]}"
  else
    report "$lang: translated pages build" 1 "no message catalogue to build from"
  fi

  shopt -s nullglob
  translated=("$out"/*.page)
  shopt -u nullglob
  if [ ${#translated[@]} -eq ${#pages[@]} ]; then
    run "$lang: translated pages are valid Mallard" \
      yelp-check validate "${translated[@]}"
  else
    report "$lang: translated pages are valid Mallard" 1 \
      "expected ${#pages[@]} translated pages, found ${#translated[@]}"
  fi
done

[ "$failures" -eq 0 ]
