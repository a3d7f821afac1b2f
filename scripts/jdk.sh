# shellcheck shell=bash
# Sourced by ./backchannel and ./run-tests (and usable by hand):
#
#   . scripts/jdk.sh && backchannel_find_jdk
#
# backchannel_find_jdk sets and exports JAVA_HOME to a JDK whose major version
# is 21 or newer. It takes, in this order, the first that qualifies:
#   1. $JAVA_HOME;
#   2. the JDK of the `java` on PATH (its real path, symlinks followed);
#   3. the newest JDK under /usr/lib/jvm, /opt/java, /opt/*jdk*,
#      /Library/Java/JavaVirtualMachines/*/Contents/Home and
#      ~/.sdkman/candidates/java.
# With none, it prints an error on stderr and returns 1.

backchannel_min_java=21

# Real path of a file, following every symlink (no GNU readlink -f needed).
_backchannel_realpath() {
  local path=$1 dir target
  while [ -L "$path" ]; do
    dir=$(cd -P "$(dirname -- "$path")" && pwd) || return 1
    target=$(readlink -- "$path") || return 1
    case $target in
      /*) path=$target ;;
      *) path=$dir/$target ;;
    esac
  done
  dir=$(cd -P "$(dirname -- "$path")" && pwd) || return 1
  printf '%s/%s\n' "$dir" "$(basename -- "$path")"
}

# Prints the major version of the JDK in folder $1, or fails if it is no JDK.
_backchannel_jdk_major() {
  local dir=$1 version="" major
  [ -x "$dir/bin/java" ] && [ -x "$dir/bin/javac" ] || return 1
  if [ -f "$dir/release" ]; then
    version=$(sed -n 's/^JAVA_VERSION="\{0,1\}\([^"]*\)"\{0,1\}$/\1/p' "$dir/release" 2>/dev/null | head -n 1)
  fi
  if [ -z "$version" ]; then
    version=$("$dir/bin/java" -version 2>&1 | sed -n 's/.* version "\([^"]*\)".*/\1/p' | head -n 1)
  fi
  case $version in
    1.*) major=${version#1.} ;; # 1.8.0_392 -> 8
    *) major=$version ;;
  esac
  major=${major%%[!0-9]*}
  [ -n "$major" ] || return 1
  printf '%s\n' "$major"
}

backchannel_find_jdk() {
  local dir major java best="" best_major=0

  if [ -n "${JAVA_HOME:-}" ]; then
    major=$(_backchannel_jdk_major "$JAVA_HOME") || major=0
    if [ "$major" -ge "$backchannel_min_java" ]; then
      export JAVA_HOME
      return 0
    fi
  fi

  if java=$(command -v java 2>/dev/null) && java=$(_backchannel_realpath "$java"); then
    dir=$(dirname -- "$(dirname -- "$java")")
    major=$(_backchannel_jdk_major "$dir") || major=0
    if [ "$major" -ge "$backchannel_min_java" ]; then
      JAVA_HOME=$dir
      export JAVA_HOME
      return 0
    fi
  fi

  for dir in /usr/lib/jvm/* /opt/java/* /opt/*jdk* \
    /Library/Java/JavaVirtualMachines/*/Contents/Home \
    "${HOME:-/nonexistent}"/.sdkman/candidates/java/*; do
    [ -d "$dir" ] || continue
    major=$(_backchannel_jdk_major "$dir") || continue
    if [ "$major" -ge "$backchannel_min_java" ] && [ "$major" -gt "$best_major" ]; then
      best=$dir
      best_major=$major
    fi
  done

  if [ -n "$best" ]; then
    JAVA_HOME=$(cd -P "$best" && pwd)
    export JAVA_HOME
    return 0
  fi

  echo "backchannel: needs a JDK $backchannel_min_java or newer; set JAVA_HOME" >&2
  return 1
}
