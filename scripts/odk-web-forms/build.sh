#!/bin/sh
# Rebuilds the vendored ODK Web Forms (run by hand when upgrading; the app never fetches anything).
# The package's dist is used as published; only its one bare import ("vue") is pointed at the
# vendored Vue runtime so the browser loads plain ES modules from our own origin (CSP 'self').
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out="$here/../../chiso/surveys/static/surveys/odk"
tmp=$(mktemp -d)
cp "$here/package.json" "$tmp/"
(cd "$tmp" && npm install --no-audit --no-fund --ignore-scripts >/dev/null)
rm -rf "$out" && mkdir -p "$out"
cp "$tmp"/node_modules/@getodk/web-forms/dist/*.js "$out/"
cp "$tmp"/node_modules/vue/dist/vue.runtime.esm-browser.prod.js "$out/vue.js"
sed -i 's#from "vue"#from "./vue.js"#' "$out"/index*.js "$out"/MapBlock-*.js
cp "$here/LICENSES.txt" "$out/"
python3 "$here/translate.py" "$out"
rm -rf "$tmp"
echo "ODK Web Forms vendored into $out"
