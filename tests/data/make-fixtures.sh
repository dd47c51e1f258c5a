#!/bin/sh
# Remakes the small evidence fixtures in tests/data (they are committed; run this only to
# change them). Needs a build dir (for esc-make-pdf), qpdf and ImageMagick.
#   tests/data/make-fixtures.sh build
set -eu
build=${1:-build}
here=$(cd "$(dirname "$0")" && pwd)
cd "$here"

"../../$build/tests/esc-make-pdf" thai thai.pdf                     # 4 pages, Thai text (Loma)
qpdf --encrypt esc-2567 owner-2567 256 -- thai.pdf encrypted.pdf    # user password: esc-2567
head -c 12000 thai.pdf > truncated.pdf                              # cut before the xref
: > empty.pdf
printf 'Minutes of the working group meeting, not a PDF.\nรายงานการประชุม\n' > not-a-pdf.pdf
convert -size 96x64 gradient:'#3a7'-'#fe9' -quality 80 photo.jpg
convert -size 48x32 xc:'#36c' photo.png
