# parley_embed_file(<out.cpp> <input file> <C++ symbol>)
# Generates a source file that defines `std::string_view <symbol>()` returning the
# file's bytes, so the default gazetteer travels inside the binaries.
function(parley_embed_file out input symbol)
  add_custom_command(
    OUTPUT "${out}"
    COMMAND "${CMAKE_COMMAND}" -DINPUT=${input} -DOUTPUT=${out} -DSYMBOL=${symbol}
            -P "${PROJECT_SOURCE_DIR}/cmake/embed_file.cmake"
    DEPENDS "${input}" "${PROJECT_SOURCE_DIR}/cmake/embed_file.cmake"
    COMMENT "Embedding ${input}")
endfunction()
