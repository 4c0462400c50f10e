# Every third-party dependency is found here, once, and exposed as a target.
find_package(Threads REQUIRED)
find_package(ICU 63 REQUIRED COMPONENTS uc i18n data)
find_package(Boost 1.71 REQUIRED COMPONENTS program_options)
find_package(nlohmann_json 3.9 REQUIRED)
find_package(PkgConfig REQUIRED)
# Debian's cmark CMake config also wants the cmark program installed; pkg-config does not.
pkg_check_modules(CMARK REQUIRED IMPORTED_TARGET libcmark)
find_package(yaml-cpp REQUIRED)

# Xapian 1.4's CMake config only sets variables; wrap them in an imported target.
find_package(xapian 1.4 REQUIRED CONFIG)
if(NOT TARGET parley::xapian)
  add_library(parley::xapian INTERFACE IMPORTED)
  set_target_properties(parley::xapian PROPERTIES
    INTERFACE_INCLUDE_DIRECTORIES "${XAPIAN_INCLUDE_DIR}"
    INTERFACE_LINK_LIBRARIES "${XAPIAN_LIBRARIES}")
endif()

if(TARGET yaml-cpp::yaml-cpp)
  set(PARLEY_YAML_TARGET yaml-cpp::yaml-cpp)
else()
  set(PARLEY_YAML_TARGET yaml-cpp)
endif()

# zlib (zlib1g-dev, which libxapian-dev pulls in too): gzip-compressed WARC files.
find_package(ZLIB REQUIRED)
