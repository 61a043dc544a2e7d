#!/usr/bin/env bash
# Regenerates the PNG icons from stracewb.svg. The PNGs are committed so that a package build
# needs no ImageMagick; run this only after editing the SVG. Needs ImageMagick (apt-get install imagemagick).
set -euo pipefail
cd "$(dirname "$0")"
for size in 48 128 256; do
  convert -background none -density 384 stracewb.svg -resize "${size}x${size}" -depth 8 "stracewb-${size}.png"
done
