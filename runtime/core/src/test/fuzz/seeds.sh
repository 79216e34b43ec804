#!/usr/bin/env bash
# Writes the fuzz seed corpora from real encoders (sox, oggenc, lame, flac, ffmpeg) into the inputs folders
# Jazzer replays in every `mvn test`. Seeds are small (a few KB: fuzzing is fastest on small inputs)
# but cover what the parsers meet: mono, stereo, 5.1, 8/16/24-bit, float, extensible, chained Ogg,
# Ogg loop comments, LAME/Xing and ID3v2 tags, FLAC seek tables, pictures and Vorbis comments.
# Run from anywhere; needs sox, vorbis-tools, lame, flac, ffmpeg. Findings Jazzer saves sit beside the seeds.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
res="$here/../resources/dev/segue"
dec="$res/decode/DecoderFuzzTestInputs"
tags="$res/library/TagFuzzTestInputs/tags"
probe="$res/library/TagFuzzTestInputs/probe"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
mkdir -p "$dec"/{ogg,mp3,flac,wav,anyFormatAtTheMixerRate} "$tags" "$probe"

sox -R -n -r 8000 -c 1 -b 16 m8.wav synth 0.25 sine 440 vol 0.5
sox -R -n -r 11025 -c 2 -b 16 s11.wav synth 0.2 sine 300 sine 500 vol 0.4
sox -R -n -r 8000 -c 6 -b 16 six.wav synth 0.1 sine 200 sine 300 sine 400 sine 500 sine 600 sine 700 vol 0.3
sox -R -n -r 8000 -c 3 -b 16 three.wav synth 0.1 sine 200 sine 300 sine 400 vol 0.3
sox -R -n -r 8000 -c 1 -b 24 m24.wav synth 0.1 sine 440 vol 0.5
sox -R -n -r 8000 -c 1 -b 8 -e unsigned-integer u8.wav synth 0.1 sine 440 vol 0.5
sox -R -n -r 8000 -c 2 -b 32 -e floating-point f32.wav synth 0.05 sine 440 vol 0.5

# WAV as sox writes it (plain, 8/24-bit, float, extensible 3 and 6 channels)
cp m8.wav "$dec/wav/mono16.wav"; cp u8.wav "$dec/wav/u8.wav"; cp m24.wav "$dec/wav/m24.wav"
cp f32.wav "$dec/wav/float32.wav"; cp six.wav "$dec/wav/six.wav"; cp three.wav "$dec/wav/three.wav"

# Ogg Vorbis: mono, stereo, 5.1, 3 channels (JOrbis's coupling misread), loop comments, two links
oggenc -Q -q 0 -o m8.ogg m8.wav
oggenc -Q -q 0 -c LOOPSTART=100 -c LOOPLENGTH=1000 -t "Fuzz" -a "Seed" -o s11.ogg s11.wav
oggenc -Q -q 0 -o six.ogg six.wav
oggenc -Q -q 0 -o three.ogg three.wav
oggenc -Q -q 2 -o m8b.ogg m8.wav
cat m8.ogg m8b.ogg > chained.ogg
cp m8.ogg s11.ogg six.ogg three.ogg chained.ogg "$dec/ogg/"

# MP3: LAME tag (gapless), no tag (-t), ID3v2 title, MPEG-2 low rate
lame --quiet -b 32 m8.wav m8.mp3
lame --quiet -t -b 32 m8.wav notag.mp3
lame --quiet -b 48 --tt "Fuzz" --ta "Seed" --id3v2-only s11.wav s11.mp3
cp m8.mp3 notag.mp3 s11.mp3 "$dec/mp3/"

# FLAC: 16-bit stereo with seek table and tags, 24-bit mono, 5.1, a picture block
flac -s -5 -T TITLE=Fuzz -T ARTIST=Seed -o s11.flac s11.wav
flac -s -8 --no-seektable -o m24.flac m24.wav
flac -s -5 --channel-map=none -o six.flac six.wav
ffmpeg -v error -f lavfi -i color=c=red:s=2x2 -frames:v 1 pic.png
flac -s -0 --picture="3|image/png|cover||pic.png" -o pic.flac m8.wav
cp s11.flac m24.flac six.flac pic.flac "$dec/flac/"

# one of each through detection, fold-down and resampling
cp m8.wav "$dec/anyFormatAtTheMixerRate/m8.wav"; cp six.ogg "$dec/anyFormatAtTheMixerRate/six.ogg"
cp s11.mp3 "$dec/anyFormatAtTheMixerRate/s11.mp3"; cp six.flac "$dec/anyFormatAtTheMixerRate/six.flac"

# tag and scan seeds: the first byte picks the format (0 Ogg, 1 MP3, 2 FLAC, 3 WAV), the rest is the file
# a WAV with a LIST/INFO title (ffmpeg writes INFO chunks)
ffmpeg -v error -i m8.wav -metadata title=Fuzz -metadata artist=Seed -bitexact tagged.wav
for f in s11.ogg:0 s11.mp3:1 s11.flac:2 pic.flac:2 tagged.wav:3; do
    file="${f%%:*}"; fmt="${f##*:}"
    for dir in "$tags" "$probe"; do
        { printf "\\x0$fmt"; cat "$file"; } > "$dir/${file%.*}-${file##*.}"
    done
done
echo "seeds written under $res"
