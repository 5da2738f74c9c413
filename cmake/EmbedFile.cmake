# cmake -DINPUT=file -DOUTPUT=file.cc -DSYMBOL=name -P EmbedFile.cmake
# Writes a C++ source defining `extern const char SYMBOL[]` with the file's
# bytes, so data the binary needs (the report map) ships inside it.
file(READ "${INPUT}" content)
file(WRITE "${OUTPUT}" "// Generated from ${INPUT} by cmake/EmbedFile.cmake. Do not edit.\n"
     "extern const char ${SYMBOL}[];\nconst char ${SYMBOL}[] = R\"sitrep_embed(${content})sitrep_embed\";\n")
