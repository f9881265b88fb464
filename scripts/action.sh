#!/usr/bin/env bash
# The steps of pmocat's GitHub Action (action.yml, at the repository's top), kept in a file
# so that tests/ci/test_action.py runs them outside GitHub: check the catalogue (annotations
# on the pull request's own files), write SARIF when asked, and on a pull request say what
# the change does in one comment (pmocat diff --format md), updated on every push.
#
# Inputs come as INPUT_CATALOGUE, INPUT_STRICT, INPUT_DIFF, INPUT_FAIL_ON and INPUT_SARIF;
# the rest is the workflow run's own environment: GITHUB_EVENT_NAME, GITHUB_BASE_REF,
# GITHUB_EVENT_PATH, GITHUB_REPOSITORY, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, RUNNER_TEMP,
# and GH_TOKEN for the comment. Every step runs even when one before it fails; the exit
# status is the worst of theirs (1: problems found, 2: something could not be run).
# Written for the bash of every hosted runner, macOS's 3.2 included.
set -uo pipefail

say() { printf 'pmocat action: %s\n' "$*" >&2; }
lower() { printf '%s' "$1" | tr '[:upper:]' '[:lower:]'; }

# an input that says yes or no
flag() {
  case $(lower "$1") in
    true | yes | on | 1) echo true ;;
    false | no | off | 0 | "") echo false ;;
    *) say "the input '$2' takes true or false; got '$1'"; return 2 ;;
  esac
}

catalogue=${INPUT_CATALOGUE:-catalogue}
strict=$(flag "${INPUT_STRICT:-false}" strict) || exit 2
diff=$(flag "${INPUT_DIFF:-true}" diff) || exit 2
fail_on=${INPUT_FAIL_ON:-}
sarif=${INPUT_SARIF:-}
case $(lower "$sarif") in
  true | yes | on) sarif=pmocat.sarif ;;
  false | no | off) sarif= ;;
esac

worst=0
keep() { if [ "$1" -gt "$worst" ]; then worst=$1; fi; }
output() { if [ -n "${GITHUB_OUTPUT:-}" ]; then printf '%s=%s\n' "$1" "$2" >>"$GITHUB_OUTPUT"; fi; }

# pmocat diff compares with the branch the pull request is to be merged into
pull_request=false
if [ "${GITHUB_EVENT_NAME:-}" = pull_request ] && [ -n "${GITHUB_BASE_REF:-}" ]; then
  pull_request=true
fi
base="origin/${GITHUB_BASE_REF:-}"

# 1. The check: one annotation per problem (on a pull request, only in the files it changes)
args=(check "$catalogue" --format github)
if [ "$strict" = true ]; then args+=(--strict); fi
if [ "$pull_request" = true ]; then args+=(--changed-since "$base"); fi
pmocat "${args[@]}"
status=$?
output check "$status"
keep "$status"

# 2. SARIF for code scanning: written whatever the check found
if [ -n "$sarif" ]; then
  pmocat check "$catalogue" --format sarif --output "$sarif"
  status=$?
  if [ "$status" -le 1 ]; then output sarif-file "$sarif"; else keep "$status"; fi
fi

# 3. On a pull request: what the change does, as one comment, and the --fail-on guard
if [ "$pull_request" = true ] && { [ "$diff" = true ] || [ -n "$fail_on" ]; }; then
  args=(diff "$base" --catalogue "$catalogue")
  if [ -n "$fail_on" ]; then args+=(--fail-on "$fail_on"); fi
  if [ "$diff" = true ]; then
    report="${RUNNER_TEMP:-${TMPDIR:-/tmp}}/pmocat-diff.md"
    pmocat "${args[@]}" --format md >"$report"
    status=$?
    # 1 is a --fail-on consequence: the report is whole, and the reviewer should see it
    if [ "$status" -le 1 ] && [ -s "$report" ]; then
      if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then cat "$report" >>"$GITHUB_STEP_SUMMARY"; fi
      python -m pmocat.cli.pr_comment "$report" || keep $?
    fi
  else
    pmocat "${args[@]}" --format github
    status=$?
  fi
  output diff "$status"
  keep "$status"
fi

exit "$worst"
