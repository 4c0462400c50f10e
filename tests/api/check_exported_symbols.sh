#!/usr/bin/env bash
# libparley.so exports Parley's public API and nothing else:
#   check_exported_symbols.sh LIBPARLEY.so INCLUDE_DIR
# Every dynamic symbol it defines must be a member or function of a class or function that
# include/parley/ marks PARLEY_API (or that class's type information); none may be of an
# internal namespace, an Impl, or a third-party or standard-library template; and the main
# entry points must be there.
set -euo pipefail
lib=$1 include=$2
fail() { echo "FAIL: $*" >&2; exit 1; }
# Public names: the classes and free functions marked PARLEY_API.
mapfile -t names < <(cat "$include"/*.hpp |
  sed -nE 's/^(class|struct) PARLEY_API ([A-Za-z]+).*/\2/p; s/^PARLEY_API .*[ &*]([a-z_]+)\(.*/\1/p' | sort -u)
((${#names[@]} >= 20)) || fail "read only ${#names[@]} public names from $include"
pattern="^((typeinfo name|typeinfo|vtable) for )?parley::($(IFS='|'; echo "${names[*]}"))(::|\(|\[|$)"
mapfile -t symbols < <(nm -D --defined-only -C "$lib" | cut -d' ' -f3-)
((${#symbols[@]} > 0)) || fail "no symbols read from $lib"
bad=0
for symbol in "${symbols[@]}"; do
  if ! [[ $symbol =~ $pattern ]] || [[ $symbol == *::Impl* ]]; then
    echo "not public API: $symbol" >&2
    bad=$((bad + 1))
  fi
done
((bad == 0)) || fail "$bad exported symbols are not public API"
# Matched in the shell: under pipefail, `printf | grep -q` failed whenever grep, having found
# its line, closed the pipe before printf had written the rest (SIGPIPE), a flaky failure.
all=$(printf '%s\n' "${symbols[@]}")
for needed in 'parley::Searcher::search(' 'parley::IndexWriter::add(' 'parley::read_articles(' \
              'typeinfo for parley::Error' 'parley::version()'; do
  [[ $all == *"$needed"* ]] || fail "$needed is not exported"
done
echo "ok: ${#symbols[@]} symbols, all of the public API (${#names[@]} classes and functions)"
