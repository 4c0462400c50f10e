# What `cmake --install` puts under the prefix:
#   include/parley/*.hpp                       the public API (standard C++ only)
#   <libdir>/libparley.so*                     the engine (target parley_shared)
#   <libdir>/cmake/parley/parley*.cmake        find_package(parley CONFIG) → parley::parley
#   <libdir>/pkgconfig/parley.pc               pkg-config --cflags --libs parley
#   bin/parley-index, parley-search, parley-serve  the command-line tools and the server
#   share/parley/web/                          the search page parley-serve serves
include(CMakePackageConfigHelpers)

set(PARLEY_CMAKE_DIR "${CMAKE_INSTALL_LIBDIR}/cmake/parley")

install(TARGETS parley_shared EXPORT parleyTargets
        LIBRARY DESTINATION "${CMAKE_INSTALL_LIBDIR}")
install(DIRECTORY "${PROJECT_SOURCE_DIR}/include/parley"
        DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}"
        FILES_MATCHING PATTERN "*.hpp")
install(TARGETS parley-index parley-search parley-analyze parley-serve RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}")
install(DIRECTORY "${PROJECT_SOURCE_DIR}/web/" DESTINATION "${CMAKE_INSTALL_DATADIR}/parley/web")

install(EXPORT parleyTargets NAMESPACE parley:: DESTINATION "${PARLEY_CMAKE_DIR}")
configure_package_config_file("${CMAKE_CURRENT_LIST_DIR}/parleyConfig.cmake.in"
                              "${PROJECT_BINARY_DIR}/parleyConfig.cmake"
                              INSTALL_DESTINATION "${PARLEY_CMAKE_DIR}")
# Until 1.0 a minor release may change the API and ABI (PARLEY_SOVERSION is 0.MINOR), so
# find_package(parley 0.1) must not accept 0.2; from 1.0 on, the major version says it.
if(PROJECT_VERSION_MAJOR EQUAL 0)
  set(parley_compatibility SameMinorVersion)
else()
  set(parley_compatibility SameMajorVersion)
endif()
write_basic_package_version_file("${PROJECT_BINARY_DIR}/parleyConfigVersion.cmake"
                                 COMPATIBILITY ${parley_compatibility})
install(FILES "${PROJECT_BINARY_DIR}/parleyConfig.cmake"
              "${PROJECT_BINARY_DIR}/parleyConfigVersion.cmake"
        DESTINATION "${PARLEY_CMAKE_DIR}")

# parley.pc names the prefix given at install time (`cmake --install build --prefix DIR`), so
# the template is filled in twice: here, and by the install step. Absolute paths, not
# ${pcfiledir}: pkg-config must recognise /usr/include to leave it out of --cflags.
set(PARLEY_PC_PREFIX "@PARLEY_PC_PREFIX@")
foreach(dir LIBDIR INCLUDEDIR)
  if(IS_ABSOLUTE "${CMAKE_INSTALL_${dir}}")
    set(PARLEY_PC_${dir} "${CMAKE_INSTALL_${dir}}")
  else()
    set(PARLEY_PC_${dir} "\${prefix}/${CMAKE_INSTALL_${dir}}")
  endif()
endforeach()
configure_file("${CMAKE_CURRENT_LIST_DIR}/parley.pc.in" "${PROJECT_BINARY_DIR}/parley.pc.in" @ONLY)
install(CODE "
  set(PARLEY_PC_PREFIX \"\${CMAKE_INSTALL_PREFIX}\")
  configure_file(\"${PROJECT_BINARY_DIR}/parley.pc.in\" \"${PROJECT_BINARY_DIR}/parley.pc\" @ONLY)")
install(FILES "${PROJECT_BINARY_DIR}/parley.pc" DESTINATION "${CMAKE_INSTALL_LIBDIR}/pkgconfig")
