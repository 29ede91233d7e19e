# The version the executable prints and the package carries, from `git describe` at configure
# time (scripts/package configures afresh each time, so a package always names its commit).
# Debian orders versions by its own rules, so the text is shaped to sort the way the history
# runs: a tag vX.Y.Z gives X.Y.Z, commits after it X.Y.Z+gitN.gHASH; with no tag yet, commit N
# of the history gives PROJECT_VERSION~gitN.gHASH, which sorts before the release it leads to.
# Uncommitted changes add ".dirty". Outside a git checkout: PROJECT_VERSION as it stands.
# Sets BRIEFINGS_VERSION.
function(briefings_version_from_git out)
  set(version ${PROJECT_VERSION})
  find_package(Git QUIET)
  if(GIT_FOUND)
    execute_process(COMMAND ${GIT_EXECUTABLE} describe --tags --always --dirty
                    WORKING_DIRECTORY ${PROJECT_SOURCE_DIR} OUTPUT_VARIABLE described
                    OUTPUT_STRIP_TRAILING_WHITESPACE RESULT_VARIABLE described_rc ERROR_QUIET)
    execute_process(COMMAND ${GIT_EXECUTABLE} rev-parse --short HEAD
                    WORKING_DIRECTORY ${PROJECT_SOURCE_DIR} OUTPUT_VARIABLE head
                    OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
    execute_process(COMMAND ${GIT_EXECUTABLE} rev-list --count HEAD
                    WORKING_DIRECTORY ${PROJECT_SOURCE_DIR} OUTPUT_VARIABLE commits
                    OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
  endif()
  if(NOT GIT_FOUND OR NOT described_rc EQUAL 0)
    set(${out} ${version} PARENT_SCOPE)
    return()
  endif()
  set(dirty "")
  if(described MATCHES "-dirty$")
    set(dirty ".dirty")
    string(REGEX REPLACE "-dirty$" "" described "${described}")
  endif()
  # With no tag to describe from, --always gives just the abbreviated commit.
  if(described STREQUAL head)
    set(version "${PROJECT_VERSION}~git${commits}.g${described}")
  elseif(described MATCHES "^v?([0-9][0-9A-Za-z.]*)-([0-9]+)-g([0-9a-f]+)$")
    set(version "${CMAKE_MATCH_1}+git${CMAKE_MATCH_2}.g${CMAKE_MATCH_3}")
  elseif(described MATCHES "^v?([0-9][0-9A-Za-z.]*)$")
    set(version "${CMAKE_MATCH_1}")
  endif()
  # Any other tag shape (a name with no leading digit) keeps PROJECT_VERSION.
  set(${out} "${version}${dirty}" PARENT_SCOPE)
endfunction()

briefings_version_from_git(BRIEFINGS_VERSION)
message(STATUS "briefings version ${BRIEFINGS_VERSION}")
