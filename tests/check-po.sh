#!/usr/bin/env bash
# check-po.sh — every translatable string is translated, in every language.
#
# Copyright 2026 The Länka authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: check-po.sh SRCDIR
#
# Extracts the strings from the sources listed in po/POTFILES.in (the same way
# the build does), merges each language's catalogue against them and fails on
# anything untranslated or fuzzy.  It also fails when a source file with
# translatable strings is missing from POTFILES.in, since its strings would
# silently stay English.
set -u

srcdir=$1
cd "$srcdir" || exit 1

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

n=0
failed=0
results=()

check() {
  n=$((n + 1))
  if [ "$1" = ok ]; then
    results+=("ok $n - $2")
  else
    results+=("not ok $n - $2")
    failed=1
  fi
}

if xgettext --from-code=UTF-8 --add-comments=Translators -f po/POTFILES.in \
     --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
     --keyword=g_dngettext:2,3 --keyword=ngettext:1,2 \
     -o "$tmp/lanka.pot" 2>"$tmp/err"; then
  check ok "strings extracted from po/POTFILES.in"
else
  check fail "strings extracted from po/POTFILES.in: $(head -c 300 "$tmp/err")"
fi

missing=$(git ls-files 'src/*.c' 'src/*.ui' 'data/*.in' 'data/*.xml' 2>/dev/null |
          xargs -r grep -lE '(\b_\("|\bN_\("|\bC_\(|translatable="yes")' 2>/dev/null |
          while IFS= read -r f; do grep -qxF "$f" po/POTFILES.in || echo "$f"; done)
if [ -z "$missing" ]; then
  check ok "every file with translatable strings is in po/POTFILES.in"
else
  check fail "not in po/POTFILES.in: $(echo "$missing" | tr '\n' ' ')"
fi

if LC_ALL=C sort -c po/POTFILES.in 2>/dev/null; then
  check ok "po/POTFILES.in is sorted"
else
  check fail "po/POTFILES.in is sorted"
fi

while IFS= read -r lang; do
  case "$lang" in ''|\#*) continue ;; esac
  if ! msgfmt --check -o /dev/null "po/$lang.po" 2>"$tmp/err"; then
    check fail "po/$lang.po compiles: $(head -c 300 "$tmp/err")"
    continue
  fi
  check ok "po/$lang.po compiles"
  msgmerge -q --no-fuzzy-matching "po/$lang.po" "$tmp/lanka.pot" -o "$tmp/$lang.po" 2>/dev/null
  stats=$(msgfmt --statistics -o /dev/null "$tmp/$lang.po" 2>&1)
  case "$stats" in
    *untranslated*|*fuzzy*) check fail "po/$lang.po is complete: $stats" ;;
    *) check ok "po/$lang.po is complete: $stats" ;;
  esac
done < po/LINGUAS

echo "1..$n"
printf '%s\n' "${results[@]}"
exit $failed
