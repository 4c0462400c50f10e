# Script mode helper for parley_embed_file(): INPUT, OUTPUT, SYMBOL.
file(READ "${INPUT}" hex HEX)
string(LENGTH "${hex}" hex_len)
math(EXPR size "${hex_len} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
string(REGEX REPLACE "((0x..,){32})" "\\1\n" bytes "${bytes}")
file(WRITE "${OUTPUT}" "// Generated from ${INPUT}; do not edit.\n#include <string_view>\n\n"
  "namespace {\nconst unsigned char kBytes[] = {\n${bytes}0x00};\n}\n\n"
  "namespace parley {\nstd::string_view ${SYMBOL}() {\n"
  "    return {reinterpret_cast<const char*>(kBytes), ${size}};\n}\n}  // namespace parley\n")
