# What an operator installs beside the programs (packaging/):
#   share/man/man1/parley-{index,search,analyze,serve}.1     made from each program's --help by help2man
#   share/bash-completion/completions/parley-*       one script, under each program's name
#   lib/systemd/system/parley-serve.service          the service, ExecStart under the install prefix
#   share/doc/parley/serve.conf                      an example /etc/parley/serve.conf

# Man pages. The programs' --help shows the default index path of whoever runs it; HOME=~
# and no PARLEY_INDEX or XDG_DATA_HOME make it read "~/.local/share/parley/index".
find_program(HELP2MAN help2man)
set(PARLEY_MAN_DIR "${PROJECT_BINARY_DIR}/man")
if(HELP2MAN)
  set(pages)
  set(summary_parley-index "add, update, delete, re-tag and compact articles in a Parley index")
  set(summary_parley-search "search a Parley index: ranked paragraphs, snippets and facets")
  set(summary_parley-analyze "analyze a Parley archive: timelines, what stands out, co-occurrence, bursts, export")
  set(summary_parley-serve "serve a Parley index over HTTP: the JSON API and the search page")
  # help2man reads only `PROGRAM --help`; the options parley-index's subcommands add (fetch
  # --follow, stats --top) come from their own --help, through an include file.
  set(subcommands_parley-index fetch,delete,retag,compact,stats)
  set(environment --unset=PARLEY_INDEX --unset=XDG_DATA_HOME "HOME=~")
  foreach(program parley-index parley-search parley-analyze parley-serve)
    set(page "${PARLEY_MAN_DIR}/${program}.1")
    set(include_commands "")
    set(include_options "")
    if(subcommands_${program})
      set(include "${PARLEY_MAN_DIR}/${program}.h2m")
      set(include_commands
        COMMAND "${CMAKE_COMMAND}" -E env ${environment}
                "${CMAKE_COMMAND}" "-DPROGRAM=$<TARGET_FILE:${program}>"
                "-DSUBCOMMANDS=${subcommands_${program}}" "-DOUTPUT=${include}"
                -P "${CMAKE_CURRENT_LIST_DIR}/man_subcommands.cmake")
      set(include_options "--include=${include}")
    endif()
    add_custom_command(
      OUTPUT "${page}"
      COMMAND "${CMAKE_COMMAND}" -E make_directory "${PARLEY_MAN_DIR}"
      ${include_commands}
      COMMAND "${CMAKE_COMMAND}" -E env ${environment}
              "${HELP2MAN}" --no-info --section=1 "--name=${summary_${program}}"
              "--version-string=${PROJECT_VERSION}" ${include_options}
              "--output=${page}" "$<TARGET_FILE:${program}>"
      DEPENDS ${program} "${CMAKE_CURRENT_LIST_DIR}/man_subcommands.cmake"
      COMMENT "Man page of ${program}"
      VERBATIM)
    list(APPEND pages "${page}")
  endforeach()
  add_custom_target(man_pages ALL DEPENDS ${pages})
  install(FILES ${pages} DESTINATION "${CMAKE_INSTALL_MANDIR}/man1")
else()
  message(STATUS "help2man not found: no man pages (apt-get install help2man)")
endif()

foreach(program parley-index parley-search parley-analyze parley-serve)
  install(FILES "${PROJECT_SOURCE_DIR}/packaging/bash-completion/parley"
          DESTINATION "${CMAKE_INSTALL_DATADIR}/bash-completion/completions"
          RENAME "${program}")
endforeach()

# The unit's ExecStart names the program under the prefix given at install time
# (`cmake --install build --prefix DIR`), not the one configured, so it is written by the
# install step, as parley.pc is.
if(IS_ABSOLUTE "${CMAKE_INSTALL_BINDIR}")
  set(serve_path "${CMAKE_INSTALL_BINDIR}/parley-serve")
else()
  set(serve_path "\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_BINDIR}/parley-serve")
endif()
install(CODE "
  set(PARLEY_SERVE_PATH \"${serve_path}\")
  configure_file(\"${PROJECT_SOURCE_DIR}/packaging/parley-serve.service.in\"
                 \"${PROJECT_BINARY_DIR}/packaging/parley-serve.service\" @ONLY)")
install(FILES "${PROJECT_BINARY_DIR}/packaging/parley-serve.service"
        DESTINATION "lib/systemd/system")
install(FILES "${PROJECT_SOURCE_DIR}/packaging/serve.conf" DESTINATION "${CMAKE_INSTALL_DOCDIR}")
# The documentation the programs' --help and man pages point to.
install(FILES "${PROJECT_SOURCE_DIR}/README.md" DESTINATION "${CMAKE_INSTALL_DOCDIR}")
install(DIRECTORY "${PROJECT_SOURCE_DIR}/docs/" DESTINATION "${CMAKE_INSTALL_DOCDIR}/docs")
