#!/bin/sh
# Builds the Sisaket demo workspace with esc-cli from the text files beside this script.
# usage: build-demo.sh ESC_CLI LAO_CSV OUTPUT
# Every status, contact, outreach entry, target and score in it is demo data (see README.md).
set -eu

cli=$1
laos=$2
out=$3
here=$(cd "$(dirname "$0")" && pwd)
tmp="$out.tmp"

rm -f "$tmp" "$tmp-wal" "$tmp-shm"
"$cli" new "$tmp" --laos "$laos" >/dev/null

# Skips the header line of a CSV file.
rows() {
  tail -n +2 "$1"
}

rows "$here/participation.csv" | while IFS=, read -r name year status volunteered before contact; do
  # Walk the statuses in order, as the working group would have recorded them.
  for step in invited interested registered preparing submitted; do
    "$cli" participation set "$tmp" --lao "$name" --year "$year" --status "$step" \
      --volunteered "$volunteered" --took-part-before "$before" ${contact:+--contact "$contact"} >/dev/null
    [ "$step" = "$status" ] && break
  done
done

rows "$here/outreach.csv" | while IFS=, read -r name date kind notes; do
  "$cli" participation log "$tmp" --lao "$name" --date "$date" --kind "$kind" --notes "$notes"
done

plan="แผน 3 ปี 2569–2571"
rows "$here/targets.csv" | while IFS=, read -r year district target; do
  "$cli" targets set "$tmp" --plan "$plan" --first-year 2569 --years 3 \
    --year "$year" ${district:+--district "$district"} --target "$target"
done

"$cli" benefits set "$tmp" --province ศรีสะเกษ --file "$here/benefits.txt"

# Self-assessments in progress for fiscal year 2570.
last=""
id=""
rows "$here/answers.csv" | while IFS=, read -r name indicator process output outcome; do
  if [ "$name" != "$last" ]; then
    id=$("$cli" assess new "$tmp" --lao "$name" --year 2570 --kind self --assessor "คณะทำงานจังหวัด (สาธิต)")
    last=$name
  fi
  "$cli" answer set "$tmp" --assessment "$id" --indicator "$indicator" \
    ${process:+--process "$process"} ${output:+--output "$output"} ${outcome:+--outcome "$outcome"} >/dev/null
done

mv "$tmp" "$out"
