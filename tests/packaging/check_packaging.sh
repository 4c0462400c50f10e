#!/usr/bin/env bash
# Checks what packaging/ and cmake/ParleyPackaging.cmake give an operator, on this build:
#   check_packaging.sh systemd|man|completion BUILD_DIR SOURCE_DIR
# systemd:    the unit verifies with systemd-analyze (ExecStart pointed at this build's
#             parley-serve), with no warning at all;
# man:        each program's man page exists and names every long option of its --help;
# completion: the bash completion completes options, subcommands, fixed values and paths.
set -euo pipefail
mode=$1 build=$2 source=$3
bins=("$build/indexer/parley-index" "$build/searcher/parley-search" "$build/server/parley-serve"
  "$build/searcher/parley-analyze")
fail() { echo "FAIL: $*" >&2; exit 1; }
long_options() { "$@" --help | sed -nE 's/^  (-[A-Za-z0-9] \[ )?(--[a-z0-9][a-z0-9-]*).*/\2/p'; }

case $mode in
systemd)
  command -v systemd-analyze >/dev/null || fail "systemd-analyze is missing (apt-get install systemd)"
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  sed "s|@PARLEY_SERVE_PATH@|${bins[2]}|" "$source/packaging/parley-serve.service.in" \
    >"$tmp/parley-serve.service"
  # --man=no: the unit's Documentation= names the man page, which is not installed here.
  out=$(systemd-analyze verify --man=no "$tmp/parley-serve.service" 2>&1) ||
    fail "systemd-analyze verify: $out"
  [ -z "$out" ] || fail "systemd-analyze verify warned: $out"
  grep -q '^ExecStart=.*--config /etc/parley/serve.conf' "$tmp/parley-serve.service" ||
    fail "ExecStart does not read /etc/parley/serve.conf"
  # The example config must be one parley-serve accepts. --help stops before the config is
  # read; with no index there, the server reads every option, then stops at the index
  # (exit 1), where a bad line would be exit 2.
  if "${bins[2]}" --config "$source/packaging/serve.conf" --index "$tmp/no-index" \
    >"$tmp/out" 2>&1; then
    fail "parley-serve ran without an index"
  else
    status=$?
  fi
  if ! grep -q 'no index there' "$tmp/out" || ((status != 1)); then
    fail "packaging/serve.conf is not accepted by parley-serve (exit $status): $(cat "$tmp/out")"
  fi
  printf 'listen 127.0.0.1:8080\n' >"$tmp/bad.conf"
  if "${bins[2]}" --config "$tmp/bad.conf" --index "$tmp/no-index" >/dev/null 2>&1; then
    status=0
  else
    status=$?
  fi
  ((status == 2)) || fail "a malformed config is not refused (exit $status)"
  echo "ok: unit verified, example config accepted"
  ;;
man)
  for bin in "${bins[@]}"; do
    name=$(basename "$bin")
    page="$build/man/$name.1"
    [ -s "$page" ] || fail "$page is missing (is help2man installed?)"
    grep -q "^\.TH \"\{0,1\}${name^^}" "$page" || fail "$page has no .TH header for $name"
    grep -q 'local/share/parley/index' "$page" || fail "$page lacks the default index path"
    ! grep -q '/root/\|/home/' "$page" || fail "$page names the builder's home directory"
    # Nor the tree it was built in (an installed parley-serve finds its search page itself).
    ! grep -qF -e "$source" -e "$build" "$page" || fail "$page names the source or build tree"
    count=0
    for option in $(long_options "$bin"); do
      grep -qF -- "${option//-/\\-}" "$page" || fail "$page does not mention $option"
      count=$((count + 1))
    done
    ((count >= 3)) || fail "only $count options read from $name --help"
    # A subcommand's own options (parley-index fetch --follow) are in the page too.
    if [[ $name == parley-index ]]; then
      for sub in fetch delete retag compact stats; do
        for option in $(long_options "$bin" "$sub"); do
          grep -qF -- "${option//-/\\-}" "$page" || fail "$page does not mention $sub $option"
          count=$((count + 1))
        done
      done
      grep -qF 'parley\-index fetch' "$page" || fail "$page has no section on fetch"
    fi
    # help2man reads the synopsis from the usage lines: none may fall into the description.
    synopsis=$(sed -n '/^\.SH SYNOPSIS/,/^\.SH DESCRIPTION/p' "$page")
    [[ $synopsis == *".B $name"* ]] || fail "$page has no synopsis"
    ! grep -q '^directories or' "$page" || fail "$page has a usage line cut in two"
    if [[ $name == parley-index ]]; then
      for sub in fetch delete retag compact stats; do
        [[ $synopsis == *"$sub"* ]] || fail "$page: the synopsis lacks $sub"
      done
    fi
    echo "ok: $name.1 names its $count long options"
  done
  ;;
completion)
  PATH="$build/indexer:$build/searcher:$build/server:$PATH"
  # shellcheck source=/dev/null
  source "$source/packaging/bash-completion/parley"
  complete -p parley-search | grep -q _parley || fail "no completion registered"
  compopt() { :; }  # only valid inside a real completion
  completions() {
    COMP_WORDS=("$@")
    COMP_CWORD=$(($# - 1))
    _parley "$1"
    printf '%s\n' "${COMPREPLY[@]}"
  }
  expect() {
    local want=$1
    shift
    local got
    got=$(completions "$@" | tr '\n' ' ')
    [[ " $got" == *" $want "* ]] || fail "'$*' completes to '$got', not '$want'"
  }
  expect --rank parley-search --ra
  expect --read-keys-file parley-serve --read-k
  expect --gazetteer parley-index --gaz
  expect stats parley-index st
  expect date-asc parley-search --sort date-
  expect actor_type parley-search --facets actor_
  expect stands-out parley-analyze st
  expect ndjson parley-analyze --format nd
  expect jsonl parley-index --format json
  expect week parley-analyze --interval w
  expect fetch parley-index fe
  # A subcommand's own options and values, and every fixed value the programs list.
  expect --follow parley-index fetch --fol
  expect --urls-file parley-index --index x fetch --urls
  expect --top parley-index stats --to
  expect bm25 parley-search --rank b
  expect never parley-search --color n
  expect date-asc parley-search -s date-
  expect csv parley-index --format c
  expect warc parley-index -f w
  expect year parley-index --shard-by y
  expect actor,topic parley-search --facets actor,to
  expect none parley-search --facets no
  expect actor_type parley-analyze cooccur --field actor_
  got=$(completions parley-analyze cooccur --field w)
  [[ -z $got ]] || fail "cooccur --field offers $got, which cooccur refuses"
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  mkdir "$tmp/index-dir"
  touch "$tmp/index-file"
  expect "$tmp/index-dir" parley-serve --index "$tmp/index-"
  got=$(completions parley-serve --index "$tmp/index-")
  [[ $got != *index-file* ]] || fail "--index offers a file: $got"
  expect "$tmp/index-file" parley-index add "$tmp/index-f"
  expect "$tmp/index-file" parley-index fetch --urls-file "$tmp/index-f"
  echo "ok: options, subcommands, values and paths complete"
  ;;
*) fail "unknown mode $mode" ;;
esac
