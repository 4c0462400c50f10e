# Installs a finished build into a scratch prefix and builds examples/ against it the way a
# user would: once as a separate CMake project (find_package(parley CONFIG)), once with
# `c++ $(pkg-config --cflags --libs parley)`. Runs both programs and checks what they print.
#
#   cmake -DBUILD_DIR=... -DEXAMPLES_DIR=... -DWORK_DIR=... -DLIBDIR=lib -DCXX=c++
#         -DPKG_CONFIG=pkg-config [-DCONFIG=Release] [-DGENERATOR=...] [-DMAKE_PROGRAM=...]
#         [-DSANITIZERS=ON] -P installed_package_test.cmake
foreach(var BUILD_DIR EXAMPLES_DIR WORK_DIR LIBDIR CXX PKG_CONFIG)
  if(NOT ${var})
    message(FATAL_ERROR "installed_package_test: -D${var}=... is required")
  endif()
endforeach()
if(IS_ABSOLUTE "${LIBDIR}")
  message(FATAL_ERROR "CMAKE_INSTALL_LIBDIR is absolute (${LIBDIR}): installing into a scratch "
                      "prefix would write outside it, so this test cannot run")
endif()
if(NOT CONFIG)
  set(CONFIG Release)
endif()

set(prefix "${WORK_DIR}/prefix")
file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")

# Runs a command; stops the test with its output if it fails. OUTPUT_VARIABLE gets stdout.
function(run what)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "OUTPUT_VARIABLE" "COMMAND")
  execute_process(COMMAND ${arg_COMMAND} RESULT_VARIABLE result
                  OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT result EQUAL 0)
    string(REPLACE ";" " " command "${arg_COMMAND}")
    message(FATAL_ERROR "${what} failed (${result}):\n${command}\n--- stdout\n${out}\n--- stderr\n${err}")
  endif()
  if(arg_OUTPUT_VARIABLE)
    set(${arg_OUTPUT_VARIABLE} "${out}" PARENT_SCOPE)
  endif()
endfunction()

function(expect_in output label)
  foreach(text ${ARGN})
    string(FIND "${output}" "${text}" at)
    if(at EQUAL -1)
      message(FATAL_ERROR "${label}: expected \"${text}\" in its output:\n${output}")
    endif()
  endforeach()
endfunction()

# 1. Install. DESTDIR would move the files out of the prefix.
run("cmake --install"
    COMMAND "${CMAKE_COMMAND}" -E env --unset=DESTDIR
            "${CMAKE_COMMAND}" --install "${BUILD_DIR}" --prefix "${prefix}" --config "${CONFIG}")
foreach(file include/parley/searcher.hpp ${LIBDIR}/libparley.so
             ${LIBDIR}/cmake/parley/parleyConfig.cmake
             ${LIBDIR}/cmake/parley/parleyConfigVersion.cmake
             ${LIBDIR}/cmake/parley/parleyTargets.cmake ${LIBDIR}/pkgconfig/parley.pc
             include/parley/archive_views.hpp bin/parley-index bin/parley-search
             bin/parley-analyze share/doc/parley/README.md share/doc/parley/docs/searching.md)
  if(NOT EXISTS "${prefix}/${file}")
    message(FATAL_ERROR "cmake --install did not install ${file}")
  endif()
endforeach()

# What the operator gets names this prefix, the one given at install time, not the one the
# build was configured with: the unit's ExecStart runs the parley-serve just installed, and
# that finds its search page beside it (tests/integration/installed_files_test.cpp).
set(unit "${prefix}/lib/systemd/system/parley-serve.service")
if(NOT EXISTS "${unit}" OR NOT EXISTS "${prefix}/share/parley/web/index.html")
  message(FATAL_ERROR "cmake --install did not install the service unit and the search page")
endif()
file(STRINGS "${unit}" exec REGEX "^ExecStart=")
if(NOT exec STREQUAL "ExecStart=${prefix}/bin/parley-serve --config /etc/parley/serve.conf")
  message(FATAL_ERROR "the installed unit runs another parley-serve than ${prefix}/bin's: ${exec}")
endif()

# 2. Configure and build examples/ as a project of its own.
set(flags "")
if(SANITIZERS)  # libparley.so is instrumented: its users must link the sanitizer runtimes
  set(flags "-fsanitize=address,undefined")
endif()
set(configure_args -S "${EXAMPLES_DIR}" -B "${WORK_DIR}/examples"
                   "-DCMAKE_PREFIX_PATH=${prefix}" "-DCMAKE_BUILD_TYPE=${CONFIG}"
                   "-DCMAKE_CXX_COMPILER=${CXX}" "-DCMAKE_CXX_FLAGS=${flags}")
if(GENERATOR)
  list(APPEND configure_args -G "${GENERATOR}")
  if(MAKE_PROGRAM)
    list(APPEND configure_args "-DCMAKE_MAKE_PROGRAM=${MAKE_PROGRAM}")
  endif()
endif()
run("configuring examples/" COMMAND "${CMAKE_COMMAND}" ${configure_args})
# It must have found the package just installed, not one installed elsewhere.
file(STRINGS "${WORK_DIR}/examples/CMakeCache.txt" found REGEX "^parley_DIR:")
string(FIND "${found}" "${prefix}/" at)
if(NOT at GREATER -1)
  message(FATAL_ERROR "examples/ found another Parley: ${found}")
endif()
run("building examples/"
    COMMAND "${CMAKE_COMMAND}" --build "${WORK_DIR}/examples" --config "${CONFIG}" --parallel 2)

# A program asking for another minor version of a 0.x Parley does not get this one: until
# 1.0 each minor release may change the API (asking for the same major is not enough).
file(STRINGS "${prefix}/${LIBDIR}/cmake/parley/parleyConfigVersion.cmake" version_line
     REGEX "set\\(PACKAGE_VERSION \"")
string(REGEX MATCH "\"([0-9]+)\\.([0-9]+)" version_numbers "${version_line}")
if(CMAKE_MATCH_1 EQUAL 0)
  math(EXPR other_minor "${CMAKE_MATCH_2} + 1")
  if(CMAKE_MATCH_2 GREATER 0)
    math(EXPR other_minor "${CMAKE_MATCH_2} - 1")
  endif()
  file(WRITE "${WORK_DIR}/other-minor/CMakeLists.txt"
       "cmake_minimum_required(VERSION 3.20)\nproject(other_minor NONE)\n"
       "find_package(parley 0.${other_minor} CONFIG REQUIRED)\n")
  execute_process(COMMAND "${CMAKE_COMMAND}" -S "${WORK_DIR}/other-minor"
                          -B "${WORK_DIR}/other-minor/build" "-DCMAKE_PREFIX_PATH=${prefix}"
                  RESULT_VARIABLE result OUTPUT_QUIET ERROR_VARIABLE err)
  if(result EQUAL 0)
    message(FATAL_ERROR "find_package(parley 0.${other_minor}) accepted ${version_line}")
  endif()
endif()

# 3. Run them. Their RPATH points into the prefix (CMake sets it for the build tree).
find_program(index_articles index_articles PATHS "${WORK_DIR}/examples"
             PATH_SUFFIXES "${CONFIG}" NO_DEFAULT_PATH REQUIRED)
find_program(search_facets search_facets PATHS "${WORK_DIR}/examples"
             PATH_SUFFIXES "${CONFIG}" NO_DEFAULT_PATH REQUIRED)
find_program(actors_over_time actors_over_time PATHS "${WORK_DIR}/examples"
             PATH_SUFFIXES "${CONFIG}" NO_DEFAULT_PATH REQUIRED)
set(index "${WORK_DIR}/index")
run("index_articles" COMMAND "${index_articles}" "${index}" OUTPUT_VARIABLE out)
expect_in("${out}" "index_articles" "3 new" "paragraphs indexed")
run("search_facets" COMMAND "${search_facets}" "${index}" OUTPUT_VARIABLE searched)
expect_in("${searched}" "search_facets" "naval drills" "[drills]" "actor:" "China" "topic:"
          "maritime")
run("actors_over_time" COMMAND "${actors_over_time}" "${index}" OUTPUT_VARIABLE viewed)
expect_in("${viewed}" "actors_over_time" "China: " "paragraphs (" "appears with:" "Russia")
execute_process(COMMAND "${search_facets}" "${WORK_DIR}/no-such-index"
                RESULT_VARIABLE result OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT result EQUAL 1)
  message(FATAL_ERROR "search_facets on a missing index: exit ${result}, not 1\n${out}${err}")
endif()
expect_in("${err}" "search_facets on a missing index" "no index")

# 4. The same program through pkg-config.
set(libdir "${prefix}/${LIBDIR}")
run("pkg-config"
    COMMAND "${CMAKE_COMMAND}" -E env "PKG_CONFIG_PATH=${libdir}/pkgconfig"
            "${PKG_CONFIG}" --cflags --libs parley OUTPUT_VARIABLE pc_flags)
separate_arguments(pc_flags UNIX_COMMAND "${pc_flags}")
separate_arguments(flags UNIX_COMMAND "${flags}")
set(program "${WORK_DIR}/search_facets_pc")
run("c++ -std=c++20 search_facets.cpp $(pkg-config --cflags --libs parley)"
    COMMAND "${CXX}" -std=c++20 -O1 ${flags} "${EXAMPLES_DIR}/search_facets.cpp" ${pc_flags}
            -o "${program}")
run("search_facets built with pkg-config"
    COMMAND "${CMAKE_COMMAND}" -E env "LD_LIBRARY_PATH=${libdir}" "${program}" "${index}"
    OUTPUT_VARIABLE out)
if(NOT out STREQUAL searched)
  message(FATAL_ERROR "search_facets printed something else when built with pkg-config:\n"
                      "${out}\n--- built with CMake:\n${searched}")
endif()

file(REMOVE_RECURSE "${WORK_DIR}")
message(STATUS "installed Parley in ${prefix}: examples built with CMake and pkg-config, and ran")
