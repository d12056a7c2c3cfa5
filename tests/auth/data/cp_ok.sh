#!/bin/sh
# A credential_process that answers like aws-vault or `aws configure export-credentials --format process`.
# Documentation-style fake values only. $1 selects the answer.
case "${1:-ok}" in
ok) printf '%s' '{"Version": 1, "AccessKeyId": "ASIAEXAMPLEPROCESS01", "SecretAccessKey": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "SessionToken": "FwoGZXIvYXdzEXAMPLEprocess", "Expiration": "2030-01-01T00:00:00Z"}' ;;
long-term) printf '%s' '{"Version": 1, "AccessKeyId": "AKIAIOSFODNN7EXAMPLE", "SecretAccessKey": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"}' ;;
fail) echo "token has expired, run aws sso login" >&2; exit 3 ;;
garbage) echo "not json" ;;
hang) exec tail -f /dev/null ;;
env) printf '{"Version": 1, "AccessKeyId": "%s", "SecretAccessKey": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"}' "$DC_TEST_KEY" ;;
esac
