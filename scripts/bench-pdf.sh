#!/bin/sh
# bench-pdf.sh compares intake reading the PDF fixtures with pdftotext
# (Debian's poppler-utils) reading the same files, in one run: seconds per
# PDF for each and their ratio, then intake's peak RSS on the largest
# inputs (500 pages; 25 MB of random bytes named scan.pdf) via
# /usr/bin/time -v. Run from anywhere in the repository:
#
#	scripts/bench-pdf.sh [READS]
#
# READS (default 200) is how many times each file is read by each tool.
set -eu
cd "$(dirname "$0")/.."
reads=${1:-200}

if ! command -v pdftotext >/dev/null 2>&1; then
	echo "bench-pdf: installing poppler-utils for pdftotext" >&2
	apt-get install -y poppler-utils >/dev/null
fi
[ -x /usr/bin/time ] || apt-get install -y time >/dev/null

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/pdfbench" ./scripts/pdfbench

dir=testdata/forms/pdf
files="$dir/fillable-referral.pdf $dir/fillable-summary.pdf $dir/saved-table.pdf $dir/saved-colon.pdf $dir/saved-plain.pdf $dir/saved-word.pdf $dir/saved-centred.pdf $dir/flattened.pdf $dir/encrypted.pdf $dir/image-only.pdf"

printf '%-24s %12s %12s %8s  %s\n' file "intake s/pdf" "pdftotext" ratio "intake result"
total_i=0
total_p=0
for f in $files; do
	line=$("$tmp/pdfbench" -n "$reads" "$f")
	intake=$(printf '%s' "$line" | cut -f2)
	result=$(printf '%s' "$line" | cut -f3)
	start=$(date +%s.%N)
	i=0
	while [ "$i" -lt "$reads" ]; do
		pdftotext -q "$f" /dev/null || true
		i=$((i + 1))
	done
	end=$(date +%s.%N)
	poppler=$(echo "($end - $start) / $reads" | bc -l)
	ratio=$(echo "$intake / $poppler" | bc -l)
	printf '%-24s %12.6f %12.6f %8.3f  %s\n' "$(basename "$f")" "$intake" "$poppler" "$ratio" "$result"
	total_i=$(echo "$total_i + $intake" | bc -l)
	total_p=$(echo "$total_p + $poppler" | bc -l)
done
printf '%-24s %12.6f %12.6f %8.3f\n' "all (sum)" "$total_i" "$total_p" "$(echo "$total_i / $total_p" | bc -l)"

# The largest inputs: 500 pages read in full, and 25 MB of random bytes.
head -c $((25 << 20)) /dev/urandom >"$tmp/scan.pdf"
for f in "$dir/many-pages.pdf" "$tmp/scan.pdf"; do
	/usr/bin/time -v "$tmp/pdfbench" -n 1 -pages 1000 "$f" >"$tmp/out" 2>"$tmp/time"
	rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$tmp/time")
	wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$tmp/time")
	printf '%-24s peak RSS %6d KB, wall %s, %s\n' "$(basename "$f")" "$rss" "$wall" "$(cut -f3 "$tmp/out")"
	start=$(date +%s.%N)
	pdftotext -q "$f" /dev/null || true
	end=$(date +%s.%N)
	printf '%-24s pdftotext %.3f s\n' "" "$(echo "$end - $start" | bc -l)"
done
